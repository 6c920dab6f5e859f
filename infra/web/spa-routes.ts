// CloudFront's half of the page routing rule: a CloudFront Function (viewer request, cloudfront-js-2.0)
// that sends every page path to its HTML document — the API reference's under /tai-lieu-api, the
// app's /index.html elsewhere — and leaves files of the build alone, with the same rule the local
// runtime applies (shared/web/spa.ts): the asset pattern and the reference's path are written into
// the code. Not a 403/404 → index.html error response: that would also answer a missing script or
// style with the HTML page (status 200), hiding a broken deploy behind a blank screen.
import { API_REFERENCE_PATH, ASSET_PATH_PATTERN } from '../../shared/web/spa';

/** The API's prefix: its own behaviour at CloudFront, never rewritten (local/web.ts skips it too). */
export const API_PATH_PREFIX = '/v1';

/** Source of the function (plain ES5.1-compatible JS; the tests evaluate it). */
export const spaRoutesFunctionCode = (): string => `// dvc-portal: page routes (shared/web/spa.ts)
var ASSET_PATH = new RegExp(${JSON.stringify(ASSET_PATH_PATTERN)}, 'i');
var API_PREFIX = ${JSON.stringify(API_PATH_PREFIX)};
var API_REFERENCE = ${JSON.stringify(API_REFERENCE_PATH)};

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  // The API and the files of the build pass through: a missing file stays a 404.
  if (uri.indexOf(API_PREFIX) === 0 || ASSET_PATH.test(uri)) return request;
  // The API reference is its own document; any other path is a page of the app, routed in the
  // browser. The query string is kept.
  var reference = uri === API_REFERENCE || uri.indexOf(API_REFERENCE + '/') === 0;
  request.uri = reference ? API_REFERENCE + '/index.html' : '/index.html';
  return request;
}
`;
