// Builds build/plugin-auto-accept.js: one self-running bundle for Flex UI 2.x.
// Flex provides React, ReactDOM, Redux and its own UI at run time, so those imports map to the window globals Flex sets.
// Twilio's flex-plugin-scripts (webpack 4) needs several workarounds to install offline; see README.md for why esbuild.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url)));
const lock = JSON.parse(readFileSync(new URL('./package-lock.json', import.meta.url)));
const version = (name) => lock.packages[`node_modules/${name}`]?.version ?? 'unknown';

const globals = {
  '@twilio/flex-ui': 'window.Twilio.Flex',
  react: 'window.React',
  'react-dom': 'window.ReactDOM',
  redux: 'window.Redux',
  'react-redux': 'window.ReactRedux',
};

const flexGlobals = {
  name: 'flex-globals',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(globals).map((n) => n.replace('/', '\\/')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'flex-global' }));
    b.onLoad({ filter: /.*/, namespace: 'flex-global' }, (args) => ({ contents: `module.exports = ${globals[args.path]};`, loader: 'js' }));
  },
};

const outfile = `build/${pkg.name}.js`;
await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  format: 'iife',
  target: 'es2019',
  minify: true,
  sourcemap: true,
  outfile,
  plugins: [flexGlobals],
  define: {
    __FPB_PLUGIN_UNIQUE_NAME: JSON.stringify(pkg.name),
    __FPB_PLUGIN_VERSION: JSON.stringify(pkg.version),
    __FPB_FLEX_PLUGIN_SCRIPTS_VERSION: JSON.stringify('esbuild'),
    __FPB_FLEX_PLUGIN_VERSION: JSON.stringify(version('@twilio/flex-plugin')),
    __FPB_FLEX_UI_VERSION: JSON.stringify(version('@twilio/flex-ui')),
    __FPB_REACT_VERSION: JSON.stringify(version('react')),
    __FPB_REACT_DOM_VERSION: JSON.stringify(version('react-dom')),
  },
  logLevel: 'warning',
});

// The rules alone, for the dashboard's Sandbox (run there with Jint). rules/auto-accept-rules.js is committed so the
// dashboard runs from a fresh clone without npm; `npm run build:rules` rewrites it, and test/rules.test.ts fails while
// the committed copy differs from what src/ builds today.
const rulesOut = process.argv.includes('--write-rules') ? 'rules/auto-accept-rules.js' : 'build/auto-accept-rules.js';
await build({
  entryPoints: ['src/rules.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'AutoAcceptRules',
  target: 'es2019',
  minify: false,
  legalComments: 'none',
  outfile: rulesOut,
  banner: { js: '// Generated from flex-plugin/src/autoAccept.ts and config.ts by `npm run build:rules`. Do not edit.' },
  logLevel: 'warning',
});

const size = statSync(outfile).size;
const limit = 10 * 1024 * 1024; // Flex rejects plugin bundles over 10 MB
if (size > limit) {
  console.error(`${outfile} is ${size} bytes, over Flex's 10 MB limit`);
  process.exit(1);
}
console.log(`built ${outfile} (${(size / 1024).toFixed(1)} KB)`);
