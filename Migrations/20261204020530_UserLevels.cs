using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class UserLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "user_levels_rows",
                table: "load_runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "user_levels",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    level = table.Column<string>(type: "varchar(16)", nullable: false),
                    valid_to = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    run_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_levels", x => new { x.user_id, x.valid_from });
                    table.ForeignKey(
                        name: "fk_user_levels_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict)
                        .Annotation("Sparkify:CheckedByLoader", true);
                })
                .Annotation("Redshift:DistKey", "user_id")
                .Annotation("Redshift:DistStyle", "KEY")
                .Annotation("Redshift:SortKey", "valid_from");

            migrationBuilder.CreateIndex(
                name: "ix_user_levels_run_id",
                table: "user_levels",
                column: "run_id")
                .Annotation("Npgsql:IndexMethod", "brin");

            // A warehouse loaded before has its plays staged: its history is stated from them, as the transforms state a
            // rebuilt user's (Transform/Sql/11_level_changes.sql), and carries the last run's id. Restaging the events
            // instead would lose the rows of files since moved out of the input.
            migrationBuilder.Sql("""
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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_levels");

            migrationBuilder.DropColumn(
                name: "user_levels_rows",
                table: "load_runs");
        }
    }
}
