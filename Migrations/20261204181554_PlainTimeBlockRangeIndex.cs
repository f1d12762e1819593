using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class PlainTimeBlockRangeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_staging_events_ts",
                table: "staging_events");

            migrationBuilder.CreateIndex(
                name: "ix_staging_events_ts",
                table: "staging_events",
                column: "ts")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_staging_events_ts",
                table: "staging_events");

            migrationBuilder.CreateIndex(
                name: "ix_staging_events_ts",
                table: "staging_events",
                column: "ts")
                .Annotation("Npgsql:IndexMethod", "brin")
                .Annotation("Npgsql:IndexOperators", new[] { "int8_minmax_multi_ops" });
        }
    }
}
