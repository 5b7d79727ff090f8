// Starts the Scottish Government Design System's components (mobile menu, tables…).
import DS from "../vendor/sgds/scripts/design-system.js";

DS.initAll();
