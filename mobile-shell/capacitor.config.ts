/**
 * The Capacitor project around the built client (../client/dist). Read by the Capacitor CLI at `cap sync`
 * time, which writes it into the native projects as capacitor.config.json: set VITALS_SERVER_URL then
 * (README.md, "Which server the app talks to").
 */
import type { CapacitorConfig } from '@capacitor/cli';
import { serverSettings } from './src/server-url';

const config: CapacitorConfig = {
  appId: 'app.vitals.mobile',
  appName: 'Vitals',
  webDir: '../client/dist',
  server: serverSettings(process.env.VITALS_SERVER_URL),
  // The manifest's colours (vite.config.ts): the app's background, and its teal for the status bar area.
  backgroundColor: '#f8fafc',
  android: { allowMixedContent: false },
  ios: { contentInset: 'automatic' },
  plugins: {
    SplashScreen: {
      launchShowDuration: 800,
      launchAutoHide: true,
      backgroundColor: '#0f766e',
      androidScaleType: 'CENTER_CROP',
      showSpinner: false,
    },
    // Shown in the foreground too: an alert is worth the interruption while the app is open.
    PushNotifications: { presentationOptions: ['badge', 'sound', 'alert'] },
  },
};

export default config;
