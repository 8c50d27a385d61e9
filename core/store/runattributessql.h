// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The SQL that derives a run's attributes from its events, shared by the
// migration that introduces run_attributes (over the events indexed so far)
// and the writer's deferred indexer (over each new chunk), so both read the
// events the same way. Each is followed by a condition on seq.

#define RUN_ATTRIBUTES_FROM_SUBMITTED                                                                        \
    "SELECT run_id, coalesce(json_extract(payload, '$.run.task.title'), ''), "                               \
    "coalesce(json_extract(payload, '$.run.task.skill.name'), json_extract(payload, '$.skill.name'), ''), "  \
    "coalesce(json_extract(payload, '$.run.task.agent.runtime'), '') || "                                    \
    "coalesce('/' || nullif(json_extract(payload, '$.run.task.agent.model'), ''), ''), "                     \
    "coalesce(json_extract(payload, '$.run.environment'), ''), actor, "                                      \
    "coalesce(json_extract(payload, '$.run.state'), 'queued'), seq FROM events "                             \
    "WHERE kind = 'run.submitted' AND run_id IS NOT NULL AND json_valid(payload)"
#define RUN_STATES_FROM_CHANGES                                                                              \
    "SELECT run_id, json_extract(payload, '$.to') AS state, max(seq) FROM events "                           \
    "WHERE kind = 'run.state_changed' AND run_id IS NOT NULL AND json_valid(payload)"

// The same for PostgreSQL, whose payload column is text holding JSON.
#define PG_RUN_ATTRIBUTES_FROM_SUBMITTED                                                                     \
    "SELECT run_id, coalesce(payload::jsonb #>> '{run,task,title}', ''), "                                   \
    "coalesce(payload::jsonb #>> '{run,task,skill,name}', payload::jsonb #>> '{skill,name}', ''), "          \
    "coalesce(payload::jsonb #>> '{run,task,agent,runtime}', '') || "                                        \
    "coalesce('/' || nullif(payload::jsonb #>> '{run,task,agent,model}', ''), ''), "                         \
    "coalesce(payload::jsonb #>> '{run,environment}', ''), actor, "                                          \
    "coalesce(payload::jsonb #>> '{run,state}', 'queued'), seq FROM events "                                 \
    "WHERE kind = 'run.submitted' AND run_id IS NOT NULL"
#define PG_RUN_ATTRIBUTES_UPSERT                                                                             \
    "ON CONFLICT (run_id) DO UPDATE SET task_title = EXCLUDED.task_title, skill = EXCLUDED.skill, "          \
    "agent = EXCLUDED.agent, environment = EXCLUDED.environment, submitted_by = EXCLUDED.submitted_by, "     \
    "state = EXCLUDED.state, submitted_seq = EXCLUDED.submitted_seq"
#define PG_RUN_STATES_FROM_CHANGES                                                                           \
    "SELECT DISTINCT ON (run_id) run_id, payload::jsonb ->> 'to' AS state FROM events "                      \
    "WHERE kind = 'run.state_changed' AND run_id IS NOT NULL"
