using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class StagedRowsKnowTheirFile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows and ledger rows staged before stay without a number: a change to one of their files stages its table afresh,
            // as before, and the rows staged then carry their numbers.
            migrationBuilder.DropIndex(
                name: "ix_staging_songs_run_id",
                table: "staging_songs");

            migrationBuilder.DropIndex(
                name: "ix_staging_events_run_id",
                table: "staging_events");

            migrationBuilder.AddColumn<int>(
                name: "file_number",
                table: "staging_songs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "file_number",
                table: "staging_events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "file_number",
                table: "loaded_files",
                type: "integer",
                nullable: true);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_staging_songs_run_id_file_number",
                table: "staging_songs");

            migrationBuilder.DropIndex(
                name: "ix_staging_events_run_id_file_number_ts",
                table: "staging_events");

            migrationBuilder.DropColumn(
                name: "file_number",
                table: "staging_songs");

            migrationBuilder.DropColumn(
                name: "file_number",
                table: "staging_events");

            migrationBuilder.DropColumn(
                name: "file_number",
                table: "loaded_files");

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
        }
    }
}
