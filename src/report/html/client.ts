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
    graph.addNode(n.id, { label: n.label, x: n.x, y: n.y, size: n.size, baseSize: n.size, color: n.color, criticality: n.criticality });
  });
  data.graph.edges.forEach(function (e) {
    if (!graph.hasEdge(e.source, e.target)) graph.addDirectedEdge(e.source, e.target, { size: 1.5, color: '#8c959f', type: 'arrow', label: e.label });
  });
  container.setAttribute('data-node-count', String(graph.order));
  container.setAttribute('data-edge-count', String(graph.size));

  // The panel takes the layout's shape, so a tall layered graph is not squeezed into a strip.
  if (graph.order > 1) {
    var xs = data.graph.nodes.map(function (n) { return n.x; });
    var ys = data.graph.nodes.map(function (n) { return n.y; });
    var spanX = Math.max.apply(null, xs) - Math.min.apply(null, xs) + 1.5;
    var spanY = Math.max.apply(null, ys) - Math.min.apply(null, ys) + 1.5;
    var height = Math.round(container.clientWidth * spanY / spanX);
    container.style.height = Math.max(320, Math.min(1600, height)) + 'px';
  }

  var renderer = null;
  var shown = [];
  var measure = document.createElement('canvas').getContext('2d');
  var LABEL_FONT = '12px system-ui, sans-serif';

  // Which labels to draw: most critical first, each only where it overlaps no other label and no
  // node, so every label drawn can be read (the rest show on hover and in the list).
  function chooseLabels() {
    if (!renderer) return;
    measure.font = LABEL_FONT;
    var width = container.clientWidth;
    var height = container.clientHeight;
    var discs = [];
    graph.forEachNode(function (id) {
      var d = renderer.getNodeDisplayData(id);
      var at = renderer.framedGraphToViewport({ x: d.x, y: d.y });
      discs.push({ id: id, x: at.x, y: at.y, r: d.size });
    });
    var order = discs.slice().sort(function (a, b) {
      return graph.getNodeAttribute(b.id, 'criticality') - graph.getNodeAttribute(a.id, 'criticality') || (a.id < b.id ? -1 : 1);
    });
    var boxes = [];
    var chosen = {};
    order.slice(0, 400).forEach(function (disc) {
      var text = graph.getNodeAttribute(disc.id, 'label');
      var w = measure.measureText(text).width;
      for (var p = 0; p < PLACEMENTS.length; p++) {
        var box = PLACEMENTS[p](disc, w);
        box.id = disc.id;
        box.at = PLACEMENT_NAMES[p];
        if (fits(box, disc)) {
          box.dx = box.x1 - disc.x;
          boxes.push(box);
          chosen[disc.id] = box;
          return;
        }
      }
    });
    function fits(box, disc) {
      if (box.x1 < 2 || box.x2 > width - 2 || box.y1 < 0 || box.y2 > height) return false;
      for (var i = 0; i < boxes.length; i++) if (overlaps(box, boxes[i])) return false;
      for (var j = 0; j < discs.length; j++) {
        var o = discs[j];
        if (o.id !== disc.id && o.x + o.r > box.x1 && o.x - o.r < box.x2 && o.y + o.r > box.y1 && o.y - o.r < box.y2) return false;
      }
      return true;
    }
    shown = boxes;
    graph.forEachNode(function (id) {
      graph.setNodeAttribute(id, 'forceLabel', chosen[id] !== undefined);
      graph.setNodeAttribute(id, 'labelAt', chosen[id] ? chosen[id].at : 'right');
      graph.setNodeAttribute(id, 'labelDx', chosen[id] ? chosen[id].dx : 0);
    });
    container.setAttribute('data-labels', String(boxes.length));
  }

  var PLACEMENT_NAMES = ['right', 'left', 'above', 'below'];
  var PLACEMENTS = [
    function (d, w) { return { x1: d.x + d.r + 3, x2: d.x + d.r + 3 + w, y1: d.y - 8, y2: d.y + 8 }; },
    function (d, w) { return { x1: d.x - d.r - 3 - w, x2: d.x - d.r - 3, y1: d.y - 8, y2: d.y + 8 }; },
    function (d, w) { var x = centred(d, w); return { x1: x, x2: x + w, y1: d.y - d.r - 18, y2: d.y - d.r - 2 }; },
    function (d, w) { var x = centred(d, w); return { x1: x, x2: x + w, y1: d.y + d.r + 2, y2: d.y + d.r + 18 }; },
  ];
  // Above or below a node, centred on it but kept inside the panel.
  function centred(d, w) {
    return Math.max(3, Math.min(container.clientWidth - 3 - w, d.x - w / 2));
  }

  // Draws a label where chooseLabels placed it (sigma's own drawer only writes to the right).
  function drawLabel(context, d, settings) {
    if (!d.label) return;
    context.fillStyle = '#1f2328';
    context.font = settings.labelWeight + ' ' + settings.labelSize + 'px ' + settings.labelFont;
    var w = context.measureText(d.label).width;
    var at = d.labelAt || 'right';
    if (at === 'right') context.fillText(d.label, d.x + d.size + 3, d.y + settings.labelSize / 3);
    else if (at === 'left') context.fillText(d.label, d.x - d.size - 3 - w, d.y + settings.labelSize / 3);
    else if (at === 'above') context.fillText(d.label, d.x + (d.labelDx || 0), d.y - d.size - 5);
    else context.fillText(d.label, d.x + (d.labelDx || 0), d.y + d.size + 14);
  }

  function overlaps(a, b) {
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  }

  // Node sizes shrink with the layout's density so that no two nodes touch.
  function fitSizes() {
    var pts = [];
    graph.forEachNode(function (id) {
      var d = renderer.getNodeDisplayData(id);
      pts.push(renderer.framedGraphToViewport({ x: d.x, y: d.y }));
    });
    var nearest = Infinity;
    for (var i = 0; i < pts.length; i++) {
      for (var j = i + 1; j < pts.length; j++) {
        var dx = pts[i].x - pts[j].x, dy = pts[i].y - pts[j].y;
        var dist = Math.sqrt(dx * dx + dy * dy);
        if (dist < nearest) nearest = dist;
      }
    }
    var largest = 0;
    graph.forEachNode(function (id, a) { largest = Math.max(largest, a.baseSize); });
    var scale = nearest === Infinity ? 1 : Math.min(1, (nearest * 0.42) / largest);
    graph.forEachNode(function (id, a) { graph.setNodeAttribute(id, 'size', Math.max(2, a.baseSize * scale)); });
  }

  if (graph.order > 0) {
    try {
      var SigmaClass = Sigma.Sigma || Sigma;
      renderer = new SigmaClass(graph, container, {
        renderEdgeLabels: false, defaultEdgeType: 'arrow', labelSize: 12, labelFont: 'system-ui, sans-serif',
        labelRenderedSizeThreshold: Infinity, stagePadding: 40, zIndex: true, defaultDrawNodeLabel: drawLabel,
      });
      fitSizes();
      renderer.refresh();
      chooseLabels();
      renderer.refresh();
      var pending = null;
      renderer.getCamera().on('updated', function () {
        if (pending) clearTimeout(pending);
        pending = setTimeout(function () { chooseLabels(); renderer.refresh(); }, 60);
      });
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
  window.firebreak = { graph: graph, renderer: renderer, explain: explain, labels: function () { return shown.slice(); } };
  if (data.graph.nodes.length) explain(data.graph.nodes[0].id);
})();
`;
