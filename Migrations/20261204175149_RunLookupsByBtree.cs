using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class RunLookupsByBtree : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_levels_run_id",
                table: "user_levels");

            migrationBuilder.DropIndex(
                name: "ix_time_run_id",
                table: "time");

            migrationBuilder.DropIndex(
                name: "ix_staging_songs_run_id_file_number",
                table: "staging_songs");

            migrationBuilder.DropIndex(
                name: "ix_staging_events_run_id_file_number_ts",
                table: "staging_events");

            migrationBuilder.DropIndex(
                name: "ix_songplays_run_id",
                table: "songplays");

            migrationBuilder.CreateIndex(
                name: "ix_user_levels_run_id",
                table: "user_levels",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_time_run_id",
                table: "time",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_staging_songs_run_id_file_number",
                table: "staging_songs",
                columns: new[] { "run_id", "file_number" });

            migrationBuilder.CreateIndex(
                name: "ix_staging_events_run_id_file_number",
                table: "staging_events",
                columns: new[] { "run_id", "file_number" });

            migrationBuilder.CreateIndex(
                name: "ix_staging_events_ts",
                table: "staging_events",
                column: "ts")
                .Annotation("Npgsql:IndexMethod", "brin")
                .Annotation("Npgsql:IndexOperators", new[] { "int8_minmax_multi_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_songplays_run_id",
                table: "songplays",
                column: "run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_levels_run_id",
                table: "user_levels");

            migrationBuilder.DropIndex(
                name: "ix_time_run_id",
                table: "time");

            migrationBuilder.DropIndex(
                name: "ix_staging_songs_run_id_file_number",
                table: "staging_songs");

            migrationBuilder.DropIndex(
                name: "ix_staging_events_run_id_file_number",
                table: "staging_events");

            migrationBuilder.DropIndex(
                name: "ix_staging_events_ts",
                table: "staging_events");

            migrationBuilder.DropIndex(
                name: "ix_songplays_run_id",
                table: "songplays");

            migrationBuilder.CreateIndex(
                name: "ix_user_levels_run_id",
                table: "user_levels",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_time_run_id",
                table: "time",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_staging_songs_run_id_file_number",
                table: "staging_songs",
                columns: new[] { "run_id", "file_number" })
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_staging_events_run_id_file_number_ts",
                table: "staging_events",
                columns: new[] { "run_id", "file_number", "ts" })
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_songplays_run_id",
                table: "songplays",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");
        }
    }
}
