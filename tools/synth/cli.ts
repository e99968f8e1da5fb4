import "./fastStart"; // must stay first
import { runPlanCommand } from "./command";
import { main } from "./synthCommand";

runPlanCommand("synth", main);
