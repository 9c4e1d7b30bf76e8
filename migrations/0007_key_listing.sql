DROP INDEX `api_keys_organization_idx`;--> statement-breakpoint
CREATE INDEX `api_keys_organization_created_idx` ON `api_keys` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `vortex_keys_org_idx`;--> statement-breakpoint
ALTER TABLE `vortex_keys` ADD `last4` text;--> statement-breakpoint
CREATE INDEX `vortex_keys_org_created_idx` ON `vortex_keys` (`organization_id`,`created_at`,`kid`);