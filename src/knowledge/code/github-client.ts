// PyGithub (`from github import Github`), modelled by what its calls do on GitHub. The rule is the one
// `gh` and `gh api` / curl to api.github.com follow (command-trees/verbs.ts COLLABORATION_PATHS,
// control-planes.ts GITHUB_COLLABORATION_PATH):
// - reads (get_*, search_*, attributes, iterating what they return) pass;
// - collaboration on issues and pull requests (comments, labels, assignees, reviews, review requests,
//   commit statuses, check runs, reactions, opening a pull request or an issue, editing or closing one,
//   re-running or cancelling a workflow run) passes, as `gh pr create` / `gh issue comment` do;
// - a delete is a DELETE on the GitHub control plane, judged like `curl -X DELETE https://api.github.com/...`
//   (a repository, a ref, a release, a file, a secret...);
// - every other write (merging, creating or moving refs, committing files, releases, deployments,
//   repository settings, secrets, hooks, collaborators, workflow dispatch) is unknown: it escalates.
// PyGithub's raw requester (`g.requester.requestJsonAndCheck("DELETE", url)`) is unknown too.
// https://pygithub.readthedocs.io/en/stable/github_objects.html

/** Calls that make the client every request goes through. */
export const PYGITHUB_CLIENTS: ReadonlySet<string> = new Set(['github.Github', 'github.MainClass.Github', 'github.GithubIntegration']);

/** Calls that build a value on this machine and send nothing (credentials, input records, retry policy, errors). */
export const PYGITHUB_LOCAL_VALUES = /^github\.(?:Auth\.\w+|Input\w+|GithubRetry|GithubRetry\.GithubRetry|enable_console_debug_logging|\w*Exception)$/;

/**
 * Method names that write: a verb and an object (`create_status`, `remove_from_labels`), or a bare verb
 * (`edit`, `delete`, `merge`). `update()` alone re-reads an object and `replace()` alone is the string
 * method; PyGithub's own names carry an object (`update_file`, `replace_topics`). `requestJsonAndCheck`
 * and its kin, and the requester's GraphQL calls (`graphql_query`, `graphql_named_mutation`), send a
 * request Firebreak cannot see; a hook's `test()` and `ping()` make GitHub deliver an event to it (a
 * push event can start a deployment).
 */
export const PYGITHUB_WRITE = /^(?:(?:create|edit|delete|remove|add|set|update|replace|merge|mark|enable|disable|dismiss|rerun|cancel|transfer|invite|accept|upload|subscribe|unsubscribe|reset|rename|make|approve|reject|dispatch|archive|unarchive|convert|submit|rotate|revoke|lock|unlock|pin|unpin|restore|hide|unhide|deploy)_\w+|edit|delete|merge|lock|unlock|rerun|cancel|approve|reject|dismiss|archive|unarchive|transfer|restore|hide|unhide|submit|dispatch|deploy|test|ping)$|^request[A-Z_]|^graphql_/;

/** Writes that are collaboration on issues and pull requests, on whatever object they are called. */
export const PYGITHUB_COLLABORATION: ReadonlySet<string> = new Set([
  'create_status', 'create_comment', 'create_issue_comment', 'create_review', 'create_review_comment', 'create_review_comment_reply',
  'create_review_request', 'delete_review_request', 'add_to_labels', 'remove_from_labels', 'set_labels', 'delete_labels',
  'add_to_assignees', 'remove_from_assignees', 'create_reaction', 'create_pull', 'create_issue', 'create_check_run',
  'create_label', 'lock', 'unlock', 'rerun', 'rerun_failed_jobs', 'cancel',
]);

/** `edit` is collaboration on these kinds (an issue, a pull request, a comment, a label, a check run):
 *  on a repository, a ref, a team, a hook or a branch protection it is a change to the project. */
export const PYGITHUB_EDITABLE_KINDS: ReadonlySet<string> = new Set([
  'issue', 'pull', 'comment', 'issue_comment', 'review_comment', 'pull_request_comment', 'commit_comment', 'label', 'check_run',
]);

/** `edit(...)` keywords that are collaboration whatever the object (the text and state of an issue or
 *  pull request): an `edit` on an object Firebreak lost track of is collaboration only with these. */
export const PYGITHUB_COLLABORATION_EDIT_KEYWORDS: ReadonlySet<string> = new Set([
  'body', 'title', 'state', 'state_reason', 'base', 'labels', 'assignee', 'assignees', 'milestone', 'maintainer_can_modify',
]);

/** What a getter returns (`get_pulls` -> pull): kinds whose name is not the getter's noun. */
export const PYGITHUB_KINDS: Readonly<Record<string, string>> = {
  pulls: 'pull', pull_request: 'pull', issues: 'issue', issue_comments: 'issue_comment', review_comments: 'review_comment',
  comments: 'comment', repos: 'repo', repository: 'repo', repositories: 'repo', organization: 'org', organizations: 'org',
  git_refs: 'git_ref', git_matching_refs: 'git_ref', branches: 'branch', releases: 'release', latest_release: 'release',
  release_by_tag: 'release', contents: 'content', dir_contents: 'content', workflow_runs: 'workflow_run', secrets: 'secret',
};

/** REST path segment of a kind under its parent (`repos/o/r` + git_ref -> `git/refs/NAME`), for the report
 *  and the URL a delete is judged by; other kinds add their plural. */
export const PYGITHUB_SEGMENTS: Readonly<Record<string, string>> = {
  repo: 'repos', org: 'orgs', user: 'users', git_ref: 'git/refs', branch: 'branches', content: 'contents', file: 'contents',
  secret: 'actions/secrets', variable: 'actions/variables', workflow: 'actions/workflows', workflow_run: 'actions/runs',
  artifact: 'actions/artifacts', issue_comment: 'issues/comments', review_comment: 'pulls/comments', pull: 'pulls',
  release_asset: 'releases/assets', autolink: 'autolinks', deployment: 'deployments', environment: 'environments',
};

// go-github (`github.com/google/go-github/vNN/github`), by the same rule: the client's services
// (`client.Issues`, `client.PullRequests`...) read with Get/List/Search/Download/Compare/Is, the
// calls below are collaboration, Delete* is a DELETE on the GitHub API, and every other call
// (Merge, Repositories.Edit, Git.UpdateRef, Actions.CreateOrUpdateRepoSecret...) is unknown.
// https://pkg.go.dev/github.com/google/go-github/v60/github

/** The package: any major version. */
export const GO_GITHUB_PACKAGE = /^github\.com\/google\/go-github(?:\/v\d+)?\/github$/;

/** Package functions that build values here (pointers to literals, the client itself is apart). */
export const GO_GITHUB_LOCAL_VALUES = /^(?:String|Bool|Int|Int64|Float64|Ptr|Stringify|[A-Z]\w*\{\})$/;

export const GO_GITHUB_READ = /^(?:Get|List|Search|Download|Compare|Is)[A-Z]?/;

/** Calls by service that are collaboration on issues and pull requests. */
export const GO_GITHUB_COLLABORATION: Readonly<Record<string, ReadonlySet<string>>> = {
  Issues: new Set(['Create', 'Edit', 'CreateComment', 'EditComment', 'AddLabelsToIssue', 'RemoveLabelForIssue', 'RemoveLabelsForIssue', 'ReplaceLabelsForIssue',
    'AddAssignees', 'RemoveAssignees', 'Lock', 'Unlock', 'CreateLabel', 'EditLabel']),
  PullRequests: new Set(['Create', 'Edit', 'CreateComment', 'CreateCommentInReplyTo', 'EditComment', 'CreateReview', 'SubmitReview', 'RequestReviewers', 'RemoveReviewers']),
  Repositories: new Set(['CreateStatus', 'CreateComment']),
  Checks: new Set(['CreateCheckRun', 'UpdateCheckRun']),
  Reactions: new Set(['CreateIssueReaction', 'CreateIssueCommentReaction', 'CreatePullRequestCommentReaction', 'CreateCommentReaction']),
  Actions: new Set(['RerunWorkflowByID', 'RerunFailedJobsByID', 'RerunJobByID', 'CancelWorkflowRunByID']),
};
