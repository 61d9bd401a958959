/** Messages per second Meta allows a number that is also on the WhatsApp Business app (80 otherwise). */
export const COEXISTENCE_RATE = 20;
