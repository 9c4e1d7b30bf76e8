CREATE TABLE `invitation_accepts` (
	`id` text PRIMARY KEY NOT NULL,
	`invitation_token` text NOT NULL,
	`target` text NOT NULL,
	`accepted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invitation_accepts_invitation_idx` ON `invitation_accepts` (`invitation_token`);--> statement-breakpoint
CREATE TABLE `invitation_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`invitation_token` text NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`group_type` text NOT NULL,
	`group_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invitation_groups_scope_idx` ON `invitation_groups` (`organization_id`,`livemode`,`group_type`,`group_id`);--> statement-breakpoint
CREATE INDEX `invitation_groups_invitation_idx` ON `invitation_groups` (`invitation_token`);--> statement-breakpoint
CREATE TABLE `vortex_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`livemode` integer NOT NULL,
	`secret_hash` text NOT NULL,
	`signing_key_ciphertext` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vortex_keys_org_idx` ON `vortex_keys` (`organization_id`);--> statement-breakpoint
CREATE TABLE `widget_configurations` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`landing_url` text NOT NULL,
	`invitation_type` text NOT NULL,
	`email_subject` text,
	`email_template` text,
	`unfurl_defaults` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `widget_configurations_org_idx` ON `widget_configurations` (`organization_id`);--> statement-breakpoint
DROP INDEX `invitations_pending_due_idx`;--> statement-breakpoint
ALTER TABLE `invitations` ADD `dialect` text DEFAULT 'autodoc' NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `delivered_by` text DEFAULT 'us' NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `vortex` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `short_code` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `click_throughs` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `views` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `deactivated` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `invitation_type` text;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_short_code_unique` ON `invitations` (`short_code`);--> statement-breakpoint
CREATE INDEX `invitations_org_target_idx` ON `invitations` (`organization_id`,`livemode`,`dialect`,`recipient`);--> statement-breakpoint
CREATE INDEX `invitations_pending_due_idx` ON `invitations` (`delivery_due_at`) WHERE status = 'pending' AND delivered_by = 'us';