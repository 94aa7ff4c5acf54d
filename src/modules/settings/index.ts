export { getSetting } from './settings.repository';
export { CONFIG_FACTORS, type ConfigFactor, LOCKOUT } from './settings.schemas';
