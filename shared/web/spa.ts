// Which request paths are files of the built front end and which are pages, and which HTML
// document answers a page. Declared once for the local runtime (local/web.ts) and CloudFront's
// viewer-request function (web stack).
// A page path may contain dots — procedure codes (/thu-tuc/1.001193) and agency codes
// (/chi-so/000.00.00.H26) do — so "has an extension" is not the test: a known file type is.
export const ASSET_EXTENSIONS = ['js', 'mjs', 'css', 'map', 'svg', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'ico', 'json', 'txt', 'woff', 'woff2', 'webmanifest', 'html', 'pdf'] as const;

/** The same test as a regular expression source, for code that cannot import this module (a CloudFront Function). */
export const ASSET_PATH_PATTERN = `\\.(${ASSET_EXTENSIONS.join('|')})$`;

const assetPath = new RegExp(ASSET_PATH_PATTERN, 'i');

/** True for a file of the build (served as is, or 404); false for a page (served an HTML document). */
export const isAssetPath = (pathname: string) => assetPath.test(pathname);

/**
 * The API reference (Redoc, reading GET /v1/openapi.json): its own HTML document in the build, not
 * a page of the app, with its own Content-Security-Policy (security-headers.ts). The build's
 * directory of the same name (web/tai-lieu-api/) holds it.
 */
export const API_REFERENCE_PATH = '/tai-lieu-api';

/** True for `/tai-lieu-api` and everything under it: the paths that get the reference's headers. */
export const isApiReferencePath = (pathname: string) =>
  pathname === API_REFERENCE_PATH || pathname.startsWith(`${API_REFERENCE_PATH}/`);

/** The HTML document of the build that answers a page path: the reference's, or the app's. */
export const pageDocument = (pathname: string) =>
  (isApiReferencePath(pathname) ? `${API_REFERENCE_PATH}/index.html` : '/index.html');
