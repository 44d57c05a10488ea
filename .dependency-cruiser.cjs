/**
 * The house's import rules, checked by `npm run lint` (dependency-cruiser). Each rule names the
 * architecture it keeps: shared/ is the contract and imports only itself, and in it a feature never
 * imports what joins the features; the client never reaches the server; in server/, the transports
 * (http/, realtime/) stand on the edge and the service, never on the store or on each other, and
 * nothing below imports what stands above it.
 */
const SOURCE = '^(server|shared|client)/'
/** Tests and their fixtures: the features' given/when/then examples (shared/testing/examples/) are test data. */
const TESTS = '\\.(test|spec)\\.ts$|^server/test/|^shared/testing/|^client/test/|/examples\\.ts$|/run-examples\\.ts$'
const TRANSPORTS = '^server/(http|realtime)/'
/**
 * What joins the features in shared/: the Command union and the events, the whole state, the
 * registry, the reasons of every feature, the examples and the faces the other folders import.
 */
const COMPOSERS =
  '^shared/features/(state|contracts|registry|read-event|examples|run-examples)\\.ts$|' +
  '^shared/(domain|commands|events|evolve|protocol|errors|audience|agenda-timing)\\.ts$|^shared/(conference|testing)/'
/** Each feature's folder, and the building blocks the features stand on. */
const FEATURES_AND_BLOCKS = '^shared/features/[^/]+/|^shared/features/(define|decision|feature|lifecycle)\\.ts$|^shared/(kernel|error-codes|text|hash)\\.ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other in a loop cannot be understood, tested or moved one at a time.',
      from: { path: SOURCE, pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'shared-is-the-contract',
      severity: 'error',
      comment: 'shared/ runs in the browser and on the server alike: it imports only itself and its libraries.',
      from: { path: '^shared/' },
      to: { path: '^(server|client|e2e|bench|scripts)/' },
    },
    {
      name: 'features-below-what-joins-them',
      severity: 'error',
      comment:
        'A feature (shared/features/<name>/) stands on its own contract, the slices it reads and the building blocks ' +
        '(define, decision, feature, lifecycle, kernel, error codes); what joins every feature stands above them all.',
      from: { path: FEATURES_AND_BLOCKS, pathNot: TESTS },
      to: { path: COMPOSERS },
    },
    {
      name: 'client-never-imports-server',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|e2e|bench|scripts)/' },
    },
    {
      name: 'transports-never-read-the-store',
      severity: 'error',
      comment: 'Only the service and the store see a stored event; transports ask the service.',
      from: { path: TRANSPORTS, pathNot: TESTS },
      to: { path: '^server/store/' },
    },
    {
      name: 'http-does-not-import-realtime',
      severity: 'error',
      comment: 'The two transports share the edge; they do not reach into each other.',
      from: { path: '^server/http/', pathNot: TESTS },
      to: { path: '^server/realtime/' },
    },
    {
      name: 'realtime-does-not-import-http',
      severity: 'error',
      from: { path: '^server/realtime/', pathNot: TESTS },
      to: { path: '^server/http/' },
    },
    {
      name: 'store-is-the-ground-floor',
      severity: 'error',
      comment: 'The store knows nothing above it: no rules, no transport, no documents.',
      from: { path: '^server/store/', pathNot: TESTS },
      to: { path: '^server/(conference|http|realtime|edge|documents|seed|access|awards|app|main)' },
    },
    {
      name: 'rules-know-no-transport',
      severity: 'error',
      comment: 'The conference service and its rules are plain TypeScript that a unit test drives.',
      from: { path: '^server/(conference|access|awards)/', pathNot: TESTS },
      to: { path: '^server/(http|realtime|edge|documents|seed|app|main)|^(socket\\.io|express)' },
    },
    {
      name: 'documents-below-transports',
      severity: 'error',
      from: { path: '^server/documents/', pathNot: TESTS },
      to: { path: '^server/(http|realtime|edge|seed|app|main)' },
    },
    {
      name: 'edge-below-transports',
      severity: 'error',
      from: { path: '^server/edge/', pathNot: TESTS },
      to: { path: '^server/(http|realtime|app|main)' },
    },
    {
      name: 'production-never-imports-tests',
      severity: 'error',
      from: { path: SOURCE, pathNot: TESTS },
      to: { path: TESTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.vue', '.json'],
    },
  },
}
