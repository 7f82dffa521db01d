import packageJson from '../package.json' with { type: 'json' };

/** The version of this package, recorded in every article's provenance. */
export const parserVersion: string = packageJson.version;
