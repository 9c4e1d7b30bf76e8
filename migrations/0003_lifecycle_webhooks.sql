CREATE TABLE `invitation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`invitation_token` text NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`type` text NOT NULL,
	`webhook_type` text,
	`data` text NOT NULL,
	`dedupe_key` text,
	`occurred_at` integer NOT NULL,
	`dispatched_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_events_public_id_unique` ON `invitation_events` (`public_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_events_dedupe_key_unique` ON `invitation_events` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `events_invitation_idx` ON `invitation_events` (`invitation_token`,`id`);--> statement-breakpoint
CREATE INDEX `events_undispatched_idx` ON `invitation_events` (`occurred_at`) WHERE webhook_type IS NOT NULL AND dispatched_at IS NULL;--> statement-breakpoint
CREATE TABLE `sends` (
	`invitation_token` text NOT NULL,
	`attempt` integer NOT NULL,
	`provider` text NOT NULL,
	`state` text NOT NULL,
	`provider_message_id` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	PRIMARY KEY(`invitation_token`, `attempt`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sends_provider_message_idx` ON `sends` (`provider`,`provider_message_id`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret_ciphertext` text NOT NULL,
	`status` text NOT NULL,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_org_idx` ON `webhook_endpoints` (`organization_id`,`livemode`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `expiry_notified` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `invitations_expiry_due_idx` ON `invitations` (`expires_at`) WHERE expiry_notified = 0;