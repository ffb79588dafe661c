declare const PACKAGE_VERSION: string | undefined;

/** Injected by the bundler from package.json; unbundled test builds report a dev version. */
export const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';
