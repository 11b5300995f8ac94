// The import graph's rules, checked by `npm run lint` (depcruise). Layers point one way:
//   pure core (src/cap, src/bmkg, src/registry, src/policy, src/time, geo/) ← src/db ← delivery,
//   tagana, alerts, feeds, hazards… ← http, web, cli ← main. Cycles between folders are checked by
//   tests/architecture/folder-cycles.test.ts (dependency-cruiser's folder view nests src/ in itself).
// A pure module that imported I/O could not be tested from fixtures alone; a cycle between folders
// means neither can be understood, changed or tested without the other.
const IO = [
  '^node_modules/(pg|pg-copy-streams|ioredis|bullmq|axios|web-push)/',
  '^node_modules/@electric-sql/',
  '^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|child_process|worker_threads)$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'Modules depend on each other one way.',
      from: { path: '^(src|geo|jobs)/' },
      to: { circular: true },
    },
    {
      name: 'pure-core-does-no-io',
      severity: 'error',
      comment: 'src/cap, src/bmkg, src/time and geo/ are pure: pass data in, return data out.',
      // push-endpoint-policy uses node:net only for its address arithmetic (BlockList, isIP), no sockets.
      from: {
        path: '^(src/cap|src/bmkg|src/time|src/policy|src/registry|geo)/',
        pathNot: '^geo/.*-sql\\.ts$|^src/policy/push-endpoint-policy\\.ts$',
      },
      to: { path: IO },
    },
    {
      name: 'pure-core-imports-only-pure',
      severity: 'error',
      comment: 'The pure core may not reach into the layers above it.',
      from: { path: '^(src/cap|src/bmkg|src/time|src/policy|src/registry|geo)/', pathNot: '^geo/.*-sql\\.ts$' },
      to: {
        path: '^(src/(db|delivery|tagana|alerts|feeds|hazards|http|web|cli|adapters|raster|import)|jobs)/|^src/(main|config|logger)\\.ts$',
      },
    },
    {
      name: 'db-is-below-the-services',
      severity: 'error',
      comment: 'src/db holds statements; what to do with the rows belongs to the layers above.',
      from: { path: '^src/db/' },
      to: { path: '^src/(delivery|tagana|http|web|cli|feeds|hazards|adapters)/|^jobs/|^src/main\\.ts$' },
    },
    {
      name: 'jobs-are-handed-in',
      severity: 'error',
      comment: 'Only the composition root (and the CLI that runs a feed by name) chooses the jobs; the runtimes get them handed in.',
      from: { path: '^src/', pathNot: '^src/(main\\.ts|cli/)' },
      to: { path: '^jobs/' },
    },
    {
      name: 'config-reads-env-only',
      severity: 'error',
      comment: 'src/config.ts reads the environment; it does not depend on domain code.',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/(cap|bmkg|db|delivery|tagana|alerts|feeds|hazards|http|web|cli|adapters|raster|registry)/' },
    },
  ],
  options: {
    // The composition root imports every layer to wire them; it is the one place allowed to, so it
    // is left out of the graph instead of making the folder that holds it part of every cycle.
    exclude: { path: '^src/main\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
