// @ts-check
/**
 * Builds the Excel add-in into dist/: one shared-runtime page (taskpane.html) that carries the
 * task pane, the custom functions and the ribbon commands, plus functions.json (generated from
 * the JSDoc of addin/functions/functions.ts), the manifest and the icons. The add-in benchmark's page
 * is built beside it.
 *
 * Dev server: https://localhost:3000 with the Office dev certificate when it is installed
 * (`npm run certs` puts it in ~/.office-addin-dev-certs, which is what Office on Windows/macOS
 * trusts); otherwise a self-signed certificate, or plain http with ADDIN_HTTP=1 (enough for a
 * browser, not for Office).
 *
 * office.js: production pages load it from Microsoft's CDN (what Office expects of a published
 * add-in). In development the page loads it from the dev server, which serves the pinned
 * @microsoft/office-js package under /office-js/, so development works offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import CustomFunctionsMetadataPlugin from 'custom-functions-metadata-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';

const root = path.dirname(fileURLToPath(import.meta.url));
const DEV_PORT = 3000;
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_JS_LOCAL = '/office-js/';
const OFFICE_JS_PACKAGE = path.join(root, 'node_modules/@microsoft/office-js/dist');

/** In development, points the pages' office.js script at the dev server's copy of the package. */
class LocalOfficeJsPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.compilation.tap('LocalOfficeJsPlugin', (compilation) => {
      HtmlWebpackPlugin.getCompilationHooks(compilation).beforeEmit.tap('LocalOfficeJsPlugin', (data) => {
        data.html = data.html.replaceAll(OFFICE_JS_CDN, OFFICE_JS_LOCAL);
        return data;
      });
    });
  }
}

function devServerTransport() {
  if (process.env.ADDIN_HTTP === '1') return 'http';
  const certDir = path.join(homedir(), '.office-addin-dev-certs');
  const cert = path.join(certDir, 'localhost.crt');
  const key = path.join(certDir, 'localhost.key');
  const ca = path.join(certDir, 'ca.crt');
  if (existsSync(cert) && existsSync(key)) {
    return {
      type: 'https',
      options: { cert: readFileSync(cert), key: readFileSync(key), ...(existsSync(ca) ? { ca: readFileSync(ca) } : {}) },
    };
  }
  return 'https';
}

/** @type {(env: unknown, argv: { mode?: string }) => import('webpack').Configuration} */
export default (_env, argv = {}) => {
  const development = argv.mode === 'development';
  return {
    context: root,
    // No eval-based source maps: the page's CSP forbids eval.
    devtool: 'source-map',
    entry: {
      taskpane: './addin/taskpane/taskpane.ts',
      functions: './addin/functions/functions.ts',
      commands: './addin/commands/commands.ts',
      bench: './addin/bench/bench.ts',
    },
    output: {
      path: path.join(root, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // Sources use NodeNext imports (`./x.js`) that point at `./x.ts`.
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.join(root, 'addin/tsconfig.json'),
              // `tsc -p addin` type-checks; the bundle only needs the transpiled output.
              transpileOnly: true,
              compilerOptions: { noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    // One runtime for the shared page: the task pane, the functions and the commands must see the
    // same module instances (the functions' ledger cache is refreshed by the pane).
    optimization: { runtimeChunk: 'single', splitChunks: { chunks: 'all' } },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: './addin/functions/functions.ts', output: 'functions.json' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './addin/taskpane/taskpane.html',
        // One shared runtime: custom functions and commands live in the task pane's page.
        chunks: ['functions', 'commands', 'taskpane'],
        chunksSortMode: 'manual',
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'bench.html',
        template: './addin/bench/bench.html',
        chunks: ['bench'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'manifest.xml', to: 'manifest.xml' },
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'addin/taskpane/taskpane.css', to: 'taskpane.css' },
        ],
      }),
      ...(development ? [new LocalOfficeJsPlugin()] : []),
    ],
    devServer: {
      port: DEV_PORT,
      host: 'localhost',
      hot: false,
      liveReload: true,
      server: devServerTransport(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: [
        { directory: path.join(root, 'dist') },
        // office.js loads its host scripts and strings from beside itself: the whole package folder.
        { directory: OFFICE_JS_PACKAGE, publicPath: OFFICE_JS_LOCAL, watch: false },
      ],
      client: { overlay: false },
    },
  };
};
