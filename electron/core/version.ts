/** The app version written into audit packs (package.json `version`). */
import packageJson from '../../package.json';

export const APP_VERSION: string = packageJson.version;
