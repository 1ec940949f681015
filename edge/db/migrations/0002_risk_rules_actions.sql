CREATE TABLE `account_risk` (
	`workspace_id` text NOT NULL,
	`account_id` text NOT NULL,
	`score` integer NOT NULL,
	`level` text NOT NULL,
	`reasons` text NOT NULL,
	`patterns` text NOT NULL,
	`requires_human` integer NOT NULL,
	`evaluated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `account_id`)
);
--> statement-breakpoint
CREATE INDEX `account_risk_score` ON `account_risk` (`workspace_id`,`score`);--> statement-breakpoint
CREATE TABLE `account_risk_daily` (
	`workspace_id` text NOT NULL,
	`account_id` text NOT NULL,
	`day` integer NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `account_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `ai_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `destinations` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`config` text NOT NULL,
	`enabled` integer NOT NULL,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `destinations_name` ON `destinations` (`workspace_id`,`name`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`destination_id` text NOT NULL,
	`trigger_id` text NOT NULL,
	`title` text NOT NULL,
	`markdown` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `inbox_at` ON `inbox` (`workspace_id`,`at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`trigger_id` text NOT NULL,
	`destination_id` text NOT NULL,
	`action` text NOT NULL,
	`payload` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_status` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_trigger` ON `outbox` (`trigger_id`);--> statement-breakpoint
CREATE TABLE `rule_cooldowns` (
	`workspace_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`key` text NOT NULL,
	`until` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `rule_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `rules` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`rule` text NOT NULL,
	`enabled` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tip_targets` (
	`workspace_id` text NOT NULL,
	`account_id` text NOT NULL,
	`tip_id` text NOT NULL,
	`trigger_id` text NOT NULL,
	`until` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `account_id`, `tip_id`)
);
--> statement-breakpoint
CREATE TABLE `triggers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`rule_name` text NOT NULL,
	`account_id` text NOT NULL,
	`ticket_ids` text NOT NULL,
	`actions` text NOT NULL,
	`risk_score` integer NOT NULL,
	`reasons` text NOT NULL,
	`summary` text NOT NULL,
	`fired_at` integer NOT NULL,
	`acked_at` integer,
	`acked_by` text,
	`delivery` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `triggers_fired` ON `triggers` (`workspace_id`,`fired_at`);--> statement-breakpoint
CREATE INDEX `triggers_account` ON `triggers` (`workspace_id`,`account_id`,`fired_at`);--> statement-breakpoint
ALTER TABLE `ticket_messages` ADD `tone` real;--> statement-breakpoint
ALTER TABLE `ticket_messages` ADD `guardrails` text;--> statement-breakpoint
ALTER TABLE `ticket_messages` ADD `analysis_source` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `queue` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `routed_at` integer;