CREATE TABLE `usage_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` text NOT NULL,
	`meter` text NOT NULL,
	`invitation_token` text NOT NULL,
	`attempt` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_send_key_idx` ON `usage_records` (`invitation_token`,`attempt`);--> statement-breakpoint
CREATE INDEX `usage_org_created_idx` ON `usage_records` (`organization_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `organizations` ADD `creation_rate_limit` integer DEFAULT 300 NOT NULL;