-- Outbox rows Kafka refused for good (too large, not serializable, invalid topic), set aside with the
-- reason so that the relay goes on with the rows after them.
create table outbox_dead (
    id         bigint       primary key,
    topic      varchar(255) not null,
    record_key varchar(128) not null,
    ce_type    varchar(128),
    payload    text         not null,
    reason     text         not null,
    created_at timestamp(6) with time zone not null,
    failed_at  timestamp(6) with time zone not null
);
create index outbox_dead_key on outbox_dead (record_key);
