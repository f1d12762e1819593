using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class LoadErrors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "load_errors",
                columns: table => new
                {
                    load_error_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    file = table.Column<string>(type: "varchar(2048)", nullable: false),
                    line = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "varchar(1024)", nullable: false),
                    raw_text = table.Column<string>(type: "varchar(4000)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_load_errors", x => x.load_error_id);
                    table.ForeignKey(
                        name: "fk_load_errors_load_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "load_runs",
                        principalColumn: "run_id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("Redshift:DistStyle", "ALL")
                .Annotation("Redshift:SortKey", "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_load_errors_run_id",
                table: "load_errors",
                column: "run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "load_errors");
        }
    }
}
