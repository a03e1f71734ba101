import{d as a}from"./chunk-Y6MHPFSW.js";import"./chunk-6DHFEWGX.js";export{a as createGraph};
