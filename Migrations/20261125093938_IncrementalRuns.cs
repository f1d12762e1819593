using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class IncrementalRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows loaded before this migration carry no run and no last-play time. Forgetting the ledger makes
            // the next load restage every file and rebuild every star table, which fills both; emptying the star
            // tables now also lets the unique event index be built whatever an earlier version left in songplays.
            foreach (var table in new[] { "loaded_files", "songplays", "time", "users", "songs", "artists", "staging_events", "staging_songs" })
                migrationBuilder.Sql($"delete from {table};");

            migrationBuilder.DropForeignKey(
                name: "fk_songplays_artists_artist_id",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songplays_songs_song_id",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songplays_time_start_time",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songplays_users_user_id",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songs_artists_artist_id",
                table: "songs");

            migrationBuilder.DropIndex(
                name: "ix_songs_artist_id",
                table: "songs");

            migrationBuilder.DropIndex(
                name: "ix_songplays_artist_id",
                table: "songplays");

            migrationBuilder.DropIndex(
                name: "ix_songplays_song_id",
                table: "songplays");

            migrationBuilder.DropIndex(
                name: "ix_songplays_start_time",
                table: "songplays");

            migrationBuilder.DropIndex(
                name: "ix_songplays_user_id",
                table: "songplays");

            migrationBuilder.DropIndex(
                name: "ix_loaded_files_run_id",
                table: "loaded_files");

            migrationBuilder.DropIndex(
                name: "ix_load_errors_run_id",
                table: "load_errors");

            migrationBuilder.AddColumn<DateTime>(
                name: "last_played_at",
                table: "users",
                type: "timestamp without time zone",
                nullable: false,
                // Only a placeholder, as the table is empty here: Redshift needs one to add a NOT NULL column,
                // and it has no '-infinity', which DateTime.MinValue would become.
                defaultValue: new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<long>(
                name: "run_id",
                table: "users",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "run_id",
                table: "time",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "run_id",
                table: "staging_songs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "run_id",
                table: "staging_events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "run_id",
                table: "songs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "run_id",
                table: "songplays",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "run_id",
                table: "artists",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_time_run_id",
                table: "time",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_staging_songs_run_id",
                table: "staging_songs",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_staging_events_run_id",
                table: "staging_events",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_songplays_run_id",
                table: "songplays",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_songplays_start_time_user_id_session_id",
                table: "songplays",
                columns: new[] { "start_time", "user_id", "session_id" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_artists_artist_id",
                table: "songplays",
                column: "artist_id",
                principalTable: "artists",
                principalColumn: "artist_id",
                onDelete: ReferentialAction.Restrict)
                .Annotation("Sparkify:CheckedByLoader", true);

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_songs_song_id",
                table: "songplays",
                column: "song_id",
                principalTable: "songs",
                principalColumn: "song_id",
                onDelete: ReferentialAction.Restrict)
                .Annotation("Sparkify:CheckedByLoader", true);

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_time_start_time",
                table: "songplays",
                column: "start_time",
                principalTable: "time",
                principalColumn: "start_time",
                onDelete: ReferentialAction.Restrict)
                .Annotation("Sparkify:CheckedByLoader", true);

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_users_user_id",
                table: "songplays",
                column: "user_id",
                principalTable: "users",
                principalColumn: "user_id",
                onDelete: ReferentialAction.Restrict)
                .Annotation("Sparkify:CheckedByLoader", true);

            migrationBuilder.AddForeignKey(
                name: "fk_songs_artists_artist_id",
                table: "songs",
                column: "artist_id",
                principalTable: "artists",
                principalColumn: "artist_id",
                onDelete: ReferentialAction.Restrict)
                .Annotation("Sparkify:CheckedByLoader", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_songplays_artists_artist_id",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songplays_songs_song_id",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songplays_time_start_time",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songplays_users_user_id",
                table: "songplays");

            migrationBuilder.DropForeignKey(
                name: "fk_songs_artists_artist_id",
                table: "songs");

            migrationBuilder.DropIndex(
                name: "ix_time_run_id",
                table: "time");

            migrationBuilder.DropIndex(
                name: "ix_staging_songs_run_id",
                table: "staging_songs");

            migrationBuilder.DropIndex(
                name: "ix_staging_events_run_id",
                table: "staging_events");

            migrationBuilder.DropIndex(
                name: "ix_songplays_run_id",
                table: "songplays");

            migrationBuilder.DropIndex(
                name: "ix_songplays_start_time_user_id_session_id",
                table: "songplays");

            migrationBuilder.DropColumn(
                name: "last_played_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "time");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "staging_songs");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "staging_events");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "songs");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "songplays");

            migrationBuilder.DropColumn(
                name: "run_id",
                table: "artists");

            migrationBuilder.CreateIndex(
                name: "ix_songs_artist_id",
                table: "songs",
                column: "artist_id");

            migrationBuilder.CreateIndex(
                name: "ix_songplays_artist_id",
                table: "songplays",
                column: "artist_id");

            migrationBuilder.CreateIndex(
                name: "ix_songplays_song_id",
                table: "songplays",
                column: "song_id");

            migrationBuilder.CreateIndex(
                name: "ix_songplays_start_time",
                table: "songplays",
                column: "start_time");

            migrationBuilder.CreateIndex(
                name: "ix_songplays_user_id",
                table: "songplays",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_loaded_files_run_id",
                table: "loaded_files",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_load_errors_run_id",
                table: "load_errors",
                column: "run_id");

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_artists_artist_id",
                table: "songplays",
                column: "artist_id",
                principalTable: "artists",
                principalColumn: "artist_id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_songs_song_id",
                table: "songplays",
                column: "song_id",
                principalTable: "songs",
                principalColumn: "song_id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_time_start_time",
                table: "songplays",
                column: "start_time",
                principalTable: "time",
                principalColumn: "start_time",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_songplays_users_user_id",
                table: "songplays",
                column: "user_id",
                principalTable: "users",
                principalColumn: "user_id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_songs_artists_artist_id",
                table: "songs",
                column: "artist_id",
                principalTable: "artists",
                principalColumn: "artist_id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
