CREATE TABLE `api_key_origins` (
	`key_id` text NOT NULL,
	`origin` text NOT NULL,
	PRIMARY KEY(`key_id`, `origin`),
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_key_origins_origin` ON `api_key_origins` (`origin`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_workspace` ON `api_keys` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `articles` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`url` text,
	`tags` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`handoff_id` text NOT NULL,
	`number` integer NOT NULL,
	`reference` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`anonymous_id` text NOT NULL,
	`session_id` text NOT NULL,
	`user_id` text,
	`account_id` text,
	`screen` text,
	`answers` text NOT NULL,
	`trail` text NOT NULL,
	`context` text NOT NULL,
	`summary` text NOT NULL,
	`attachment_name` text,
	`attachment_type` text,
	`attachment_base64` text,
	`client_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_handoff` ON `cases` (`workspace_id`,`handoff_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_number` ON `cases` (`workspace_id`,`number`);--> statement-breakpoint
CREATE INDEX `cases_account` ON `cases` (`workspace_id`,`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_created` ON `cases` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`client_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`clock_skew` integer NOT NULL,
	`anonymous_id` text NOT NULL,
	`session_id` text NOT NULL,
	`user_id` text,
	`account_id` text,
	`screen` text,
	`payload` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `events_account` ON `events` (`workspace_id`,`account_id`,`at`);--> statement-breakpoint
CREATE INDEX `events_user` ON `events` (`workspace_id`,`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `tips` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`tip` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`settings` text,
	`articles_version` integer DEFAULT 0 NOT NULL,
	`next_case_number` integer DEFAULT 1001 NOT NULL,
	`created_at` integer NOT NULL
);
