// Events sort by name too; with this range index every label a list sorts by
// name reads it in the index's order (name is required of every event).
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
