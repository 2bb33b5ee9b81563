// Built-in tasks of web frameworks that act on the application's database: which destroy data,
// which are routine. A task not listed (and not defined in the project) is unknown.

/** Rails (rails/rake) tasks that drop, empty or overwrite the database. */
export const RAILS_DESTRUCTIVE: Readonly<Record<string, string>> = {
  'db:drop': 'drops the database',
  'db:drop:all': 'drops every database in config/database.yml',
  'db:reset': 'drops and recreates the database from the schema (all data is lost)',
  'db:schema:load': 'loads the schema over the database, dropping its tables and their data',
  'db:structure:load': 'loads structure.sql over the database, dropping its tables and their data',
  'db:migrate:reset': 'drops the database and runs every migration again (all data is lost)',
  'db:purge': 'empties the database',
  'db:purge:all': 'empties every database',
  'db:truncate_all': 'truncates every table',
  'db:seed:replant': 'truncates every table and seeds again',
  'db:setup': 'creates the database and loads the schema over it (an existing database loses its tables)',
  'db:rollback': 'reverts the last migration (dropped tables and columns lose their data)',
  'db:migrate:down': 'reverts a migration (dropped tables and columns lose their data)',
  'db:migrate:redo': 'reverts and reapplies migrations (data in reverted tables is lost)',
  'db:fixtures:load': 'loads fixtures over the tables, replacing their rows',
};

/** Rails tasks that only build, test, inspect, or move the schema forward. */
export const RAILS_ROUTINE: ReadonlySet<string> = new Set([
  'db:migrate', 'db:migrate:status', 'db:version', 'db:create', 'db:create:all', 'db:prepare', 'db:test:prepare', 'db:test:load', 'db:test:purge',
  'db:schema:dump', 'db:structure:dump', 'db:schema:cache:dump', 'db:schema:cache:clear', 'db:abort_if_pending_migrations', 'db:encryption:init',
  'assets:precompile', 'assets:clean', 'assets:clobber', 'test', 'test:all', 'test:system', 'test:models', 'test:controllers', 'test:integration', 'test:db',
  'spec', 'routes', 'about', 'stats', 'notes', 'log:clear', 'tmp:clear', 'tmp:create', 'secret', 'middleware', 'time:zones', 'time:zones:all', 'zeitwerk:check',
  'restart', 'initializers', 'credentials:show', 'credentials:diff', 'stimulus:manifest:display', 'javascript:build', 'css:build', 'yarn:install',
  'importmap:json', 'app:update', 'app:template', 'dev:cache', 'version', 'default', 'environment',
]);

/** Rails commands that are not rake tasks. */
export const RAILS_COMMANDS: Readonly<Record<string, 'routine' | 'interactive' | 'code' | 'database-shell'>> = {
  server: 'routine', s: 'routine', generate: 'routine', g: 'routine', destroy: 'routine', d: 'routine', new: 'routine', test: 'routine', t: 'routine',
  routes: 'routine', about: 'routine', stats: 'routine', notes: 'routine', secret: 'routine', middleware: 'routine', initializers: 'routine', version: 'routine',
  credentials: 'routine', encrypted: 'routine', plugin: 'routine', boot: 'routine', help: 'routine', '-h': 'routine', '--help': 'routine', '-v': 'routine', '--version': 'routine',
  console: 'interactive', c: 'interactive',
  runner: 'code', r: 'code',
  dbconsole: 'database-shell', db: 'database-shell',
};

/** Django management commands that destroy data. */
export const DJANGO_DESTRUCTIVE: Readonly<Record<string, string>> = {
  flush: 'deletes every row of every table (the schema stays)',
  reset_db: 'drops and recreates the database (django-extensions)',
  reset_schema: 'drops and recreates the schema (django-extensions)',
  sqlflush_apply: 'empties every table',
  remove_stale_contenttypes: 'deletes content types (and objects that refer to them)',
  clear_cache: 'clears the cache (django-extensions)',
};

/** Django management commands that are routine: serve, test, inspect, build, migrate forward. */
export const DJANGO_ROUTINE: ReadonlySet<string> = new Set([
  'runserver', 'test', 'check', 'makemigrations', 'showmigrations', 'sqlmigrate', 'sqlflush', 'sqlsequencereset', 'inspectdb', 'diffsettings',
  'collectstatic', 'findstatic', 'compilemessages', 'makemessages', 'startapp', 'startproject', 'createcachetable', 'sendtestemail', 'version', 'help',
  'dumpdata', 'show_urls', 'validate_templates', 'runserver_plus', 'shell_plus_check', 'graph_models', 'print_settings', 'optimizemigration', 'squashmigrations',
  'clearsessions', 'changepassword', 'createsuperuser', 'testserver', 'check_migrations',
]);

/** ORM calls that delete or rewrite rows, in code a framework runs with the application's database
 *  (`rails runner`, a Rake task, a Django management command). Generic code readers do not know
 *  models, so these are facts: a model receiver (capitalised) or the ORM's connection. */
export const ORM_DESTRUCTIVE: Readonly<Record<'ruby' | 'python', readonly { pattern: RegExp; says: string }[]>> = {
  ruby: [
    { pattern: /\b(?!(?:ENV|File|FileUtils|Dir|Hash|Array|Set|Thread|Process|Tempfile|Pathname|JSON|YAML)\b)[A-Z]\w*(?:::\w+)*(?:\.\w+(?:\([^()]*\))?)*\.(delete_all|destroy_all|update_all|delete_by|destroy_by|in_batches\b.*\.(?:delete_all|destroy_all))\b/, says: 'an ActiveRecord bulk delete or update' },
    { pattern: /\b(?!(?:ENV|File|FileUtils|Dir|Hash|Array|Set|Thread|Process|Tempfile|Pathname|JSON|YAML)\b)[A-Z]\w*(?:::\w+)*(?:\.\w+(?:\([^()]*\))?)*\.(destroy!?|delete)\b/, says: 'an ActiveRecord delete' },
    { pattern: /\b(drop_table|drop_join_table|remove_column|remove_columns|remove_reference|truncate|truncate_tables|drop_database|purge)\b/, says: 'a schema or table drop' },
    { pattern: /\bconnection\.(execute|exec_query|exec_delete|exec_update|delete|update)\b/, says: 'raw SQL on the application connection' },
    { pattern: /\bActiveRecord::Tasks::DatabaseTasks\.(drop|purge|truncate_all)/, says: 'a Rails database task from code' },
  ],
  python: [
    { pattern: /\b[A-Z]\w*\.objects(?:\.\w+\([^()]*\))*\.(delete|update|bulk_update)\s*\(/, says: 'a Django ORM delete or update' },
    { pattern: /\.delete\s*\(\s*\)/, says: 'a Django ORM delete' },
    { pattern: /\bconnection\.cursor\s*\(|\bcursor\.execute\s*\(/, says: 'raw SQL on the application connection' },
    { pattern: /\bcall_command\s*\(\s*['"](flush|reset_db|sqlflush|migrate)['"]/, says: 'a destructive management command from code' },
    { pattern: /\bschema_editor\.(delete_model|remove_field)\b/, says: 'a schema change that drops data' },
  ],
};

/** Database migration tools run as `TOOL [options] [driver dsn] COMMAND`: the commands that take
 *  migrations back or drop the database (data in dropped tables and columns is lost). Their other
 *  commands move the schema forward, report or create files, as `rails db:migrate` does. */
export const MIGRATION_TOOL_DESTRUCTIVE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // Elixir's Ecto, as mix tasks.
  mix: {
    'ecto.drop': 'drops the database',
    'ecto.reset': 'drops the database, creates it and runs every migration again (all data is lost)',
    'ecto.rollback': 'reverts migrations (dropped tables and columns lose their data)',
    'ecto.load': 'loads a structure dump over the database',
    'ecto.migrations.reset': 'reverts every migration',
  },
  // pressly/goose.
  goose: {
    down: 'reverts the last migration (dropped tables and columns lose their data)',
    'down-to': 'reverts migrations down to a version (dropped tables and columns lose their data)',
    reset: 'reverts every migration (all tables the migrations made are dropped)',
    redo: 'reverts and reapplies the last migration (data in the reverted tables is lost)',
  },
};
