CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`secret_hash` text NOT NULL,
	`last4` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_secret_hash_unique` ON `api_keys` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_organization_idx` ON `api_keys` (`organization_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`workflow_token` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`recipient_name` text,
	`locale` text NOT NULL,
	`reference` text,
	`metadata` text NOT NULL,
	`status` text NOT NULL,
	`sent_at` integer,
	`opened_at` integer,
	`delivery_attempts` integer DEFAULT 0 NOT NULL,
	`error_message` text,
	`delivery_due_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_unique` ON `invitations` (`token`);--> statement-breakpoint
CREATE INDEX `invitations_org_idx` ON `invitations` (`organization_id`,`livemode`);--> statement-breakpoint
CREATE INDEX `invitations_org_reference_idx` ON `invitations` (`organization_id`,`livemode`,`reference`);--> statement-breakpoint
CREATE INDEX `invitations_org_status_idx` ON `invitations` (`organization_id`,`livemode`,`status`);--> statement-breakpoint
CREATE INDEX `invitations_org_channel_idx` ON `invitations` (`organization_id`,`livemode`,`channel`);--> statement-breakpoint
CREATE INDEX `invitations_pending_due_idx` ON `invitations` (`delivery_due_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`default_locale` text NOT NULL,
	`reply_to` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_slug_unique` ON `organizations` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`invitation_token` text NOT NULL,
	`attempt` integer NOT NULL,
	`channel` text NOT NULL,
	`from_address` text,
	`to_address` text NOT NULL,
	`reply_to` text,
	`subject` text,
	`html` text,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_send_key_idx` ON `outbox_messages` (`invitation_token`,`attempt`);--> statement-breakpoint
CREATE INDEX `outbox_org_created_idx` ON `outbox_messages` (`organization_id`,`livemode`,`created_at`);--> statement-breakpoint
CREATE TABLE `workflows` (
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`token` text NOT NULL,
	`name` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `livemode`, `token`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
