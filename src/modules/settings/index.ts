export { getSetting } from './settings.repository';
