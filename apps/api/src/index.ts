export { type App, createApp } from './app.ts';
