CREATE TABLE `accounts` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`domain` text,
	`tier` text,
	`arr` real,
	`renewal_at` integer,
	`owner` text,
	`csm` text,
	`health` text,
	`health_score` real,
	`plan` text,
	`traits` text,
	`inserted_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `accounts_renewal` ON `accounts` (`workspace_id`,`renewal_at`);--> statement-breakpoint
CREATE INDEX `accounts_owner` ON `accounts` (`workspace_id`,`owner`);--> statement-breakpoint
CREATE INDEX `accounts_csm` ON `accounts` (`workspace_id`,`csm`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`account_id` text,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`csat_score` text,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `ticket_events_account_at` ON `ticket_events` (`workspace_id`,`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_at` ON `ticket_events` (`workspace_id`,`ticket_id`,`at`);--> statement-breakpoint
CREATE TABLE `ticket_messages` (
	`workspace_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`id` text NOT NULL,
	`author` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`public` integer NOT NULL,
	`at` integer NOT NULL,
	`inserted_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `ticket_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `ticket_messages_ticket_at` ON `ticket_messages` (`workspace_id`,`ticket_id`,`at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`status` text NOT NULL,
	`priority` text,
	`requester_id` text,
	`requester_email` text,
	`account_id` text,
	`subject` text,
	`tags` text,
	`topic` text,
	`csat_score` text,
	`csat_negative` integer,
	`csat_comment` text,
	`csat_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`solved_at` integer,
	`source` text NOT NULL,
	`inserted_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_account_created` ON `tickets` (`workspace_id`,`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_account_solved` ON `tickets` (`workspace_id`,`account_id`,`solved_at`);--> statement-breakpoint
CREATE INDEX `tickets_requester_created` ON `tickets` (`workspace_id`,`requester_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_status_updated` ON `tickets` (`workspace_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`account_id` text,
	`email` text,
	`name` text,
	`role` text,
	`created_at` integer,
	`last_seen_at` integer,
	`traits` text,
	`inserted_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `users_account` ON `users` (`workspace_id`,`account_id`);--> statement-breakpoint
CREATE INDEX `users_email` ON `users` (`workspace_id`,`email`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`source_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`source_id`, `delivery_id`)
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_received` ON `webhook_deliveries` (`received_at`);--> statement-breakpoint
CREATE TABLE `webhook_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`mapping` text NOT NULL,
	`secrets` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_sources_name` ON `webhook_sources` (`workspace_id`,`name`);