// MongoDB shell (mongosh / mongo) methods as data: what a call on `db` or a collection does.
// A method in none of these tables, or a call on anything but `db`, is unknown.
import type { Reversibility } from '../../model.js';
import { nameSet } from '../sql/function-facts.js';

export interface MongoMethod {
  operation: 'create' | 'update' | 'delete' | 'permissions' | 'unknown';
  fact: string;
  scope?: 'environment';
  reversibility?: Reversibility;
  /** The first argument is a filter: `{}` (or none) means every document. */
  filtered?: boolean;
}

const m = (operation: MongoMethod['operation'], fact: string, extra: Partial<MongoMethod> = {}): MongoMethod => ({ operation, fact, ...extra });

export const MONGO_DB_READS: ReadonlySet<string> = nameSet(`
getCollectionNames getCollectionInfos stats serverStatus version getName getMongo hostInfo currentOp isMaster hello listCommands
printCollectionStats getUsers getUser getRoles getRole getProfilingStatus getProfilingLevel getReplicationInfo printReplicationInfo
printSecondaryReplicationInfo printShardingStatus getLogComponents getSiblingDB getCollection serverBuildInfo serverCmdLineOpts
commandHelp help getReadConcern getWriteConcern getReadPrefMode getReadPrefTagSet watch getDB getDBNames
`);

export const MONGO_DB_WRITES: Readonly<Record<string, MongoMethod>> = {
  dropdatabase: m('delete', 'dropDatabase deletes the database and every collection in it', { scope: 'environment', reversibility: 'irreversible' }),
  dropuser: m('permissions', 'dropUser deletes a user'),
  dropallusers: m('permissions', 'dropAllUsers deletes every user of the database'),
  droprole: m('permissions', 'dropRole deletes a role'),
  dropallroles: m('permissions', 'dropAllRoles deletes every role of the database'),
  createuser: m('permissions', 'createUser creates a user'),
  updateuser: m('permissions', 'updateUser changes a user'),
  changeuserpassword: m('permissions', 'changeUserPassword changes a password'),
  grantrolestouser: m('permissions', 'grants roles to a user'),
  revokerolesfromuser: m('permissions', 'revokes roles from a user'),
  createrole: m('permissions', 'createRole creates a role'),
  updaterole: m('permissions', 'updateRole changes a role'),
  grantprivilegestorole: m('permissions', 'grants privileges to a role'),
  revokeprivilegesfromrole: m('permissions', 'revokes privileges from a role'),
  grantrolestorole: m('permissions', 'grants roles to a role'),
  revokerolesfromrole: m('permissions', 'revokes roles from a role'),
  createcollection: m('create', 'createCollection creates a collection', { reversibility: 'reversible' }),
  createview: m('create', 'createView creates a view', { reversibility: 'reversible' }),
  shutdownserver: m('update', 'shutdownServer stops the database server', { scope: 'environment' }),
  fsynclock: m('update', 'fsyncLock blocks every write on the server', { scope: 'environment' }),
  fsyncunlock: m('update', 'fsyncUnlock allows writes again', { scope: 'environment' }),
  killop: m('update', 'killOp ends another operation', { reversibility: 'irreversible' }),
  setprofilinglevel: m('update', 'setProfilingLevel changes profiling for the database'),
  setlogLevel: m('update', 'setLogLevel changes logging'),
  setloglevel: m('update', 'setLogLevel changes logging'),
  repairdatabase: m('update', 'repairDatabase rebuilds the database and can discard corrupt data', { reversibility: 'irreversible' }),
  copydatabase: m('create', 'copyDatabase copies a database'),
  clonedatabase: m('create', 'cloneDatabase copies a database'),
  runcommand: m('unknown', 'runCommand runs a server command'),
  admincommand: m('unknown', 'adminCommand runs a server command'),
  eval: m('unknown', 'db.eval runs JavaScript on the server'),
  aggregate: m('unknown', 'db.aggregate runs a pipeline'),
};

/** Collection methods that only read, and the cursor methods chained after them. */
export const MONGO_COLLECTION_READS: ReadonlySet<string> = nameSet(`
find findOne countDocuments estimatedDocumentCount count distinct getIndexes getIndexSpecs getIndexKeys indexes stats dataSize
totalSize storageSize totalIndexSize explain watch exists isCapped getName getFullName latencyStats indexStats getShardDistribution
getShardVersion validate getDB getMongo analyzeShardKey
limit sort skip toArray forEach map pretty itcount size hasNext next projection batchSize hint maxTimeMS readPref collation comment
allowDiskUse noCursorTimeout returnKey showRecordId min max tailable close isExhausted objsLeftInBatch readConcern
`);

export const MONGO_COLLECTION_WRITES: Readonly<Record<string, MongoMethod>> = {
  drop: m('delete', 'drop deletes the collection and every document in it', { reversibility: 'irreversible' }),
  deletemany: m('delete', 'deleteMany deletes every matching document', { reversibility: 'irreversible', filtered: true }),
  deleteone: m('delete', 'deleteOne deletes a matching document', { reversibility: 'irreversible', filtered: true }),
  remove: m('delete', 'remove deletes the matching documents', { reversibility: 'irreversible', filtered: true }),
  findoneanddelete: m('delete', 'findOneAndDelete deletes a document', { reversibility: 'irreversible', filtered: true }),
  findandmodify: m('update', 'findAndModify changes or removes a document', { reversibility: 'irreversible' }),
  updatemany: m('update', 'updateMany overwrites fields of every matching document', { filtered: true }),
  updateone: m('update', 'updateOne overwrites fields of a document', { filtered: true }),
  update: m('update', 'update overwrites matching documents', { filtered: true }),
  replaceone: m('update', 'replaceOne replaces a whole document', { filtered: true }),
  findoneandupdate: m('update', 'findOneAndUpdate changes a document', { filtered: true }),
  findoneandreplace: m('update', 'findOneAndReplace replaces a document', { filtered: true }),
  insertone: m('create', 'insertOne adds a document'),
  insertmany: m('create', 'insertMany adds documents'),
  insert: m('create', 'insert adds documents'),
  save: m('update', 'save inserts or overwrites a document'),
  bulkwrite: m('update', 'bulkWrite runs several writes'),
  initializeorderedbulkop: m('update', 'starts a bulk write'),
  initializeunorderedbulkop: m('update', 'starts a bulk write'),
  renamecollection: m('update', 'renameCollection renames the collection (dropTarget deletes the destination)'),
  createindex: m('create', 'createIndex builds an index', { reversibility: 'reversible' }),
  createindexes: m('create', 'createIndexes builds indexes', { reversibility: 'reversible' }),
  ensureindex: m('create', 'ensureIndex builds an index', { reversibility: 'reversible' }),
  dropindex: m('delete', 'dropIndex removes an index (it can be rebuilt)', { reversibility: 'recoverable' }),
  dropindexes: m('delete', 'dropIndexes removes indexes (they can be rebuilt)', { reversibility: 'recoverable' }),
  hideindex: m('update', 'hideIndex hides an index from the planner', { reversibility: 'reversible' }),
  unhideindex: m('update', 'unhideIndex', { reversibility: 'reversible' }),
  mapreduce: m('update', 'mapReduce writes its output to a collection'),
  converttocapped: m('update', 'convertToCapped rewrites the collection; old documents beyond the cap are lost', { reversibility: 'irreversible' }),
  compact: m('update', 'compact rewrites the collection'),
  reindex: m('update', 'reIndex rebuilds every index'),
  aggregate: m('unknown', 'aggregate runs a pipeline'),
};

/** Calls on other shell globals that only read or print. */
export const MONGO_SAFE_GLOBALS: ReadonlySet<string> = nameSet(`
print printjson printjsononeline console.log console.error console.info console.warn console.table JSON.stringify JSON.parse
ObjectId ISODate Date NumberLong NumberInt NumberDecimal UUID Timestamp BinData MinKey MaxKey Number String Boolean Array Object
Math.floor Math.ceil Math.round Math.max Math.min Math.random parseInt parseFloat isNaN tojson sleep version
rs.status rs.conf rs.config rs.printReplicationInfo rs.printSecondaryReplicationInfo rs.isMaster rs.hello rs.help
sh.status sh.help sh.getBalancerState sh.isBalancerRunning
`);

export const MONGO_GLOBAL_WRITES: Readonly<Record<string, MongoMethod>> = {
  'rs.stepdown': m('update', 'rs.stepDown makes the primary step down', { scope: 'environment' }),
  'rs.reconfig': m('update', 'rs.reconfig changes the replica set configuration', { scope: 'environment' }),
  'rs.remove': m('delete', 'rs.remove removes a member from the replica set', { scope: 'environment' }),
  'rs.add': m('update', 'rs.add adds a member to the replica set', { scope: 'environment' }),
  'rs.initiate': m('update', 'rs.initiate creates a replica set', { scope: 'environment' }),
  'rs.freeze': m('update', 'rs.freeze stops a member from becoming primary', { scope: 'environment' }),
  'sh.stopbalancer': m('update', 'stops the balancer', { scope: 'environment' }),
  'sh.startbalancer': m('update', 'starts the balancer', { scope: 'environment' }),
  'sh.setbalancerstate': m('update', 'changes the balancer', { scope: 'environment' }),
  'sh.shardcollection': m('update', 'shards a collection', { scope: 'environment' }),
  'sh.removeshard': m('delete', 'removes a shard', { scope: 'environment' }),
  'sh.addshard': m('update', 'adds a shard', { scope: 'environment' }),
};

/** Server commands (`db.runCommand({X: ...})`) that only read. */
export const MONGO_READ_COMMANDS: ReadonlySet<string> = nameSet(`
ping serverStatus listCollections listDatabases listIndexes dbStats collStats buildInfo hello isMaster ismaster find count
distinct explain getParameter connectionStatus hostInfo currentOp whatsmyuri getCmdLineOpts replSetGetStatus replSetGetConfig
usersInfo rolesInfo getLog top validate dataSize listCommands connPoolStats shardingState balancerStatus
`);
