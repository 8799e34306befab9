/**
 * The CLI's version and where to report a bug, from package.json. Named imports let the bundler
 * keep only these two fields, not the whole manifest (its `contributes` is most of it).
 */
import { bugs, version } from '../../package.json';

export const VERSION: string = version;
export const REPORT_URL: string = bugs.url;
