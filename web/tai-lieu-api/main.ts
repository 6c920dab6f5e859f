// The API reference: Redoc renders the API's own OpenAPI document, read at run time from this
// origin, so the page always describes the API it is served with.
import { init } from 'redoc-standalone';

init('/v1/openapi.json', { disableTelemetry: true }, document.getElementById('redoc'));
