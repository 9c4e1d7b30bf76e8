CREATE TABLE `link_visits` (
	`id` text PRIMARY KEY NOT NULL,
	`attempt` text NOT NULL,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `link_visits_recorded_idx` ON `link_visits` (`recorded_at`);