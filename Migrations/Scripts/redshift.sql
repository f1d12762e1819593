CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;
CREATE TABLE artists (
    artist_id varchar(32) NOT NULL,
    name varchar(512),
    location varchar(512),
    latitude double precision,
    longitude double precision,
    CONSTRAINT pk_artists PRIMARY KEY (artist_id)
)
DISTSTYLE ALL
SORTKEY (artist_id);

CREATE TABLE staging_events (
    artist varchar(512),
    auth varchar(32),
    first_name varchar(256),
    gender varchar(16),
    item_in_session integer,
    last_name varchar(256),
    length double precision,
    level varchar(16),
    location varchar(512),
    method varchar(16),
    page varchar(32),
    registration double precision,
    session_id integer,
    song varchar(512),
    status integer,
    ts bigint,
    user_agent varchar(512),
    user_id varchar(32)
)
DISTSTYLE KEY
DISTKEY (artist);

CREATE TABLE staging_songs (
    num_songs integer,
    artist_id varchar(32),
    artist_latitude double precision,
    artist_longitude double precision,
    artist_location varchar(512),
    artist_name varchar(512),
    song_id varchar(32),
    title varchar(512),
    duration double precision,
    year integer
)
DISTSTYLE KEY
DISTKEY (artist_name);

CREATE TABLE time (
    start_time timestamp without time zone NOT NULL,
    hour integer NOT NULL,
    day integer NOT NULL,
    week integer NOT NULL,
    month integer NOT NULL,
    year integer NOT NULL,
    weekday integer NOT NULL,
    CONSTRAINT pk_time PRIMARY KEY (start_time)
)
DISTSTYLE KEY
DISTKEY (start_time)
SORTKEY (start_time);

CREATE TABLE users (
    user_id integer NOT NULL,
    first_name varchar(256),
    last_name varchar(256),
    gender varchar(16),
    level varchar(16) NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (user_id)
)
DISTSTYLE ALL
SORTKEY (user_id);

CREATE TABLE songs (
    song_id varchar(32) NOT NULL,
    title varchar(512),
    artist_id varchar(32) NOT NULL,
    year integer,
    duration double precision,
    CONSTRAINT pk_songs PRIMARY KEY (song_id),
    CONSTRAINT fk_songs_artists_artist_id FOREIGN KEY (artist_id) REFERENCES artists (artist_id)
)
DISTSTYLE ALL
SORTKEY (song_id);

CREATE TABLE songplays (
    songplay_id bigint IDENTITY(0, 1),
    start_time timestamp without time zone NOT NULL,
    user_id integer NOT NULL,
    level varchar(16) NOT NULL,
    song_id varchar(32) NOT NULL,
    artist_id varchar(32) NOT NULL,
    session_id integer NOT NULL,
    location varchar(512),
    user_agent varchar(512),
    CONSTRAINT pk_songplays PRIMARY KEY (songplay_id),
    CONSTRAINT fk_songplays_artists_artist_id FOREIGN KEY (artist_id) REFERENCES artists (artist_id),
    CONSTRAINT fk_songplays_songs_song_id FOREIGN KEY (song_id) REFERENCES songs (song_id),
    CONSTRAINT fk_songplays_time_start_time FOREIGN KEY (start_time) REFERENCES time (start_time),
    CONSTRAINT fk_songplays_users_user_id FOREIGN KEY (user_id) REFERENCES users (user_id)
)
DISTSTYLE KEY
DISTKEY (start_time)
SORTKEY (start_time);

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261125031956_InitialCreate', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE load_runs (
    run_id bigint IDENTITY(0, 1),
    started_at timestamp without time zone NOT NULL,
    finished_at timestamp without time zone,
    source varchar(2048) NOT NULL,
    files integer,
    staging_events_rows bigint,
    staging_songs_rows bigint,
    songplays_rows bigint,
    users_rows bigint,
    songs_rows bigint,
    artists_rows bigint,
    time_rows bigint,
    errors integer NOT NULL,
    outcome varchar(16) NOT NULL,
    message varchar(4096),
    CONSTRAINT pk_load_runs PRIMARY KEY (run_id)
)
DISTSTYLE ALL
SORTKEY (started_at);

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261125033111_LoadRuns', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE load_errors (
    load_error_id bigint IDENTITY(0, 1),
    run_id bigint NOT NULL,
    file varchar(2048) NOT NULL,
    line bigint NOT NULL,
    reason varchar(1024) NOT NULL,
    raw_text varchar(4000),
    CONSTRAINT pk_load_errors PRIMARY KEY (load_error_id),
    CONSTRAINT fk_load_errors_load_runs_run_id FOREIGN KEY (run_id) REFERENCES load_runs (run_id)
)
DISTSTYLE ALL
SORTKEY (run_id);

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261125033904_LoadErrors', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE loaded_files (
    path varchar(2048) NOT NULL,
    table_name varchar(32) NOT NULL,
    size bigint NOT NULL,
    modified_at timestamp without time zone NOT NULL,
    checksum varchar(64) NOT NULL,
    run_id bigint NOT NULL,
    CONSTRAINT pk_loaded_files PRIMARY KEY (path),
    CONSTRAINT fk_loaded_files_load_runs_run_id FOREIGN KEY (run_id) REFERENCES load_runs (run_id)
)
DISTSTYLE ALL
SORTKEY (path);

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261125034532_LoadedFiles', '10.0.15');

COMMIT;

START TRANSACTION;
delete from loaded_files;

delete from songplays;

delete from time;

delete from users;

delete from songs;

delete from artists;

delete from staging_events;

delete from staging_songs;

ALTER TABLE songplays DROP CONSTRAINT fk_songplays_artists_artist_id;

ALTER TABLE songplays DROP CONSTRAINT fk_songplays_songs_song_id;

ALTER TABLE songplays DROP CONSTRAINT fk_songplays_time_start_time;

ALTER TABLE songplays DROP CONSTRAINT fk_songplays_users_user_id;

ALTER TABLE songs DROP CONSTRAINT fk_songs_artists_artist_id;

ALTER TABLE users ADD last_played_at timestamp without time zone DEFAULT '1970-01-01 00:00:00' NOT NULL;

ALTER TABLE users ADD run_id bigint DEFAULT 0 NOT NULL;

ALTER TABLE time ADD run_id bigint DEFAULT 0 NOT NULL;

ALTER TABLE staging_songs ADD run_id bigint;

ALTER TABLE staging_events ADD run_id bigint;

ALTER TABLE songs ADD run_id bigint DEFAULT 0 NOT NULL;

ALTER TABLE songplays ADD run_id bigint DEFAULT 0 NOT NULL;

ALTER TABLE artists ADD run_id bigint DEFAULT 0 NOT NULL;

ALTER TABLE songplays ADD CONSTRAINT fk_songplays_artists_artist_id FOREIGN KEY (artist_id) REFERENCES artists (artist_id);

ALTER TABLE songplays ADD CONSTRAINT fk_songplays_songs_song_id FOREIGN KEY (song_id) REFERENCES songs (song_id);

ALTER TABLE songplays ADD CONSTRAINT fk_songplays_time_start_time FOREIGN KEY (start_time) REFERENCES time (start_time);

ALTER TABLE songplays ADD CONSTRAINT fk_songplays_users_user_id FOREIGN KEY (user_id) REFERENCES users (user_id);

ALTER TABLE songs ADD CONSTRAINT fk_songs_artists_artist_id FOREIGN KEY (artist_id) REFERENCES artists (artist_id);

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261125093938_IncrementalRuns', '10.0.15');

COMMIT;

START TRANSACTION;
ALTER TABLE loaded_files ADD content_hash varchar(32);

update loaded_files set content_hash = checksum where path not like 's3://%';

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261203165551_ContentHashes', '10.0.15');

COMMIT;

START TRANSACTION;
ALTER TABLE staging_songs ADD file_number integer;

ALTER TABLE staging_events ADD file_number integer;

ALTER TABLE loaded_files ADD file_number integer;

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261204015336_StagedRowsKnowTheirFile', '10.0.15');

COMMIT;

START TRANSACTION;
ALTER TABLE load_runs ADD user_levels_rows bigint;

CREATE TABLE user_levels (
    user_id integer NOT NULL,
    valid_from timestamp without time zone NOT NULL,
    level varchar(16) NOT NULL,
    valid_to timestamp without time zone,
    run_id bigint NOT NULL,
    CONSTRAINT pk_user_levels PRIMARY KEY (user_id, valid_from),
    CONSTRAINT fk_user_levels_users_user_id FOREIGN KEY (user_id) REFERENCES users (user_id)
)
DISTSTYLE KEY
DISTKEY (user_id)
SORTKEY (valid_from);

insert into user_levels (user_id, level, valid_from, valid_to, run_id)
select user_id, level, valid_from,
    lead(valid_from) over (partition by user_id order by valid_from),
    coalesce((select max(run_id) from load_runs), 0)
from (
    select user_id, level, played_at as valid_from,
        lag(level) over (partition by user_id order by played_at) as previous_level
    from (
        select cast(user_id as integer) as user_id, level,
            timestamp 'epoch' + ts * interval '1 millisecond' as played_at,
            row_number() over (partition by user_id, ts order by session_id desc, item_in_session desc) as at_instant
        from staging_events
        where page = 'NextSong' and user_id <> ''
    ) as plays
    where at_instant = 1
) as points
where previous_level is null or previous_level <> level;

INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261204020530_UserLevels', '10.0.15');

COMMIT;

START TRANSACTION;
INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261204175149_RunLookupsByBtree', '10.0.15');

COMMIT;

START TRANSACTION;
INSERT INTO "__EFMigrationsHistory" (migration_id, product_version)
VALUES ('20261204181554_PlainTimeBlockRangeIndex', '10.0.15');

COMMIT;

