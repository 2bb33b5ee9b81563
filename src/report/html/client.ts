// The script that runs in the report page (kept as a string: it is inlined, never imported).
// Globals: graphology (UMD), Sigma (UMD); data in <script id="firebreak-data">.
export const CLIENT_SCRIPT = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('firebreak-data').textContent);
  var container = document.getElementById('graph');
  var why = document.getElementById('why');
  var byId = {};
  data.graph.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function explain(id) {
    var n = byId[id];
    if (!n) return;
    why.innerHTML = '';
    why.appendChild(el('h3', n.id));
    why.appendChild(el('p', n.type + ' · ' + n.impact + (n.depth ? ' · ' + n.depth + ' hop(s) from a change' : ' · hit directly') + (n.explanation.flags.length ? ' · ' + n.explanation.flags.join(', ') : ''), 'meta'));
    why.appendChild(el('h4', 'Dependency path'));
    var path = el('ol', undefined, 'path');
    n.explanation.path.forEach(function (step) {
      var li = el('li');
      li.appendChild(el('code', step.id));
      li.appendChild(el('span', step.reason ? '  depends on the one above: ' + step.reason : '  (changed directly)', 'reason'));
      path.appendChild(li);
    });
    why.appendChild(path);
    [['Actions', n.explanation.actions], ['Evidence', n.explanation.evidence], ['Policy', n.explanation.policy]].forEach(function (section) {
      if (!section[1].length) return;
      why.appendChild(el('h4', section[0]));
      var ul = el('ul', undefined, section[0].toLowerCase());
      section[1].forEach(function (line) { ul.appendChild(el('li', line)); });
      why.appendChild(ul);
    });
    document.querySelectorAll('#rollback li').forEach(function (li) {
      li.classList.toggle('related', n.actionIds.indexOf(li.getAttribute('data-action')) >= 0);
    });
    document.querySelectorAll('#node-list li').forEach(function (li) {
      li.classList.toggle('selected', li.getAttribute('data-id') === id);
    });
    why.setAttribute('data-node', id);
  }

  var list = document.getElementById('node-list');
  data.graph.nodes.forEach(function (n) {
    var li = el('li');
    li.setAttribute('data-id', n.id);
    var dot = el('span', '', 'dot');
    dot.style.background = n.color;
    li.appendChild(dot);
    li.appendChild(el('span', n.id + ' (' + n.impact + ')'));
    li.addEventListener('click', function () { explain(n.id); });
    list.appendChild(li);
  });

  var graph = new graphology.DirectedGraph();
  data.graph.nodes.forEach(function (n) {
    graph.addNode(n.id, { label: n.label, x: n.x, y: n.y, size: n.size, color: n.color });
  });
  data.graph.edges.forEach(function (e) {
    if (!graph.hasEdge(e.source, e.target)) graph.addDirectedEdge(e.source, e.target, { size: 3, color: '#6e7781', type: 'arrow', label: e.label });
  });
  container.setAttribute('data-node-count', String(graph.order));
  container.setAttribute('data-edge-count', String(graph.size));

  var renderer = null;
  if (graph.order > 0) {
    try {
      var SigmaClass = Sigma.Sigma || Sigma;
      renderer = new SigmaClass(graph, container, { renderEdgeLabels: false, labelRenderedSizeThreshold: 0, defaultEdgeType: 'arrow', labelSize: 12, stagePadding: 60 });
      renderer.on('clickNode', function (event) { explain(event.node); });
      renderer.on('enterNode', function () { container.style.cursor = 'pointer'; });
      renderer.on('leaveNode', function () { container.style.cursor = ''; });
      container.setAttribute('data-rendered', 'sigma');
    } catch (error) {
      container.setAttribute('data-rendered', 'list');
      container.appendChild(el('p', 'The interactive graph needs WebGL, which this browser does not offer; use the list beside it.', 'nowebgl'));
    }
  } else {
    container.appendChild(el('p', 'Nothing is in the blast radius.', 'empty'));
  }
  window.firebreak = { graph: graph, renderer: renderer, explain: explain };
  if (data.graph.nodes.length) explain(data.graph.nodes[0].id);
})();
`;
