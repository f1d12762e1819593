using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class LoadRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "load_runs",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    source = table.Column<string>(type: "varchar(2048)", nullable: false),
                    files = table.Column<int>(type: "integer", nullable: true),
                    staging_events_rows = table.Column<long>(type: "bigint", nullable: true),
                    staging_songs_rows = table.Column<long>(type: "bigint", nullable: true),
                    songplays_rows = table.Column<long>(type: "bigint", nullable: true),
                    users_rows = table.Column<long>(type: "bigint", nullable: true),
                    songs_rows = table.Column<long>(type: "bigint", nullable: true),
                    artists_rows = table.Column<long>(type: "bigint", nullable: true),
                    time_rows = table.Column<long>(type: "bigint", nullable: true),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "varchar(16)", nullable: false),
                    message = table.Column<string>(type: "varchar(4096)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_load_runs", x => x.run_id);
                })
                .Annotation("Redshift:DistStyle", "ALL")
                .Annotation("Redshift:SortKey", "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "load_runs");
        }
    }
}
