CREATE TABLE `autojoin_domains` (
	`id` text PRIMARY KEY NOT NULL,
	`invitation_token` text NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`domain` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `autojoin_domains_invitation_domain_idx` ON `autojoin_domains` (`invitation_token`,`domain`);--> statement-breakpoint
CREATE INDEX `autojoin_domains_org_domain_idx` ON `autojoin_domains` (`organization_id`,`livemode`,`domain`);--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `format` text DEFAULT 'standard' NOT NULL;