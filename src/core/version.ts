/** The app's version, written into saved models so a model file says what made it. */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
