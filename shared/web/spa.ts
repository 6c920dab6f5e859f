// Which request paths are files of the built front end and which are pages of the app. Declared
// once for the local runtime (local/web.ts) and CloudFront's viewer-request function (web stack).
// A page path may contain dots — procedure codes (/thu-tuc/1.001193) and agency codes
// (/chi-so/000.00.00.H26) do — so "has an extension" is not the test: a known file type is.
export const ASSET_EXTENSIONS = ['js', 'mjs', 'css', 'map', 'svg', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'ico', 'json', 'txt', 'woff', 'woff2', 'webmanifest', 'html', 'pdf'] as const;

/** The same test as a regular expression source, for code that cannot import this module (a CloudFront Function). */
export const ASSET_PATH_PATTERN = `\\.(${ASSET_EXTENSIONS.join('|')})$`;

const assetPath = new RegExp(ASSET_PATH_PATTERN, 'i');

/** True for a file of the build (served as is, or 404); false for a page of the app (served index.html). */
export const isAssetPath = (pathname: string) => assetPath.test(pathname);
