using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class LoadedFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "loaded_files",
                columns: table => new
                {
                    path = table.Column<string>(type: "varchar(2048)", nullable: false),
                    table_name = table.Column<string>(type: "varchar(32)", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    modified_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    checksum = table.Column<string>(type: "varchar(64)", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loaded_files", x => x.path);
                    table.ForeignKey(
                        name: "fk_loaded_files_load_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "load_runs",
                        principalColumn: "run_id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("Redshift:DistStyle", "ALL")
                .Annotation("Redshift:SortKey", "path");

            migrationBuilder.CreateIndex(
                name: "ix_loaded_files_run_id",
                table: "loaded_files",
                column: "run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "loaded_files");
        }
    }
}
