using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "artists",
                columns: table => new
                {
                    artist_id = table.Column<string>(type: "varchar(32)", nullable: false),
                    name = table.Column<string>(type: "varchar(512)", nullable: true),
                    location = table.Column<string>(type: "varchar(512)", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_artists", x => x.artist_id);
                })
                .Annotation("Redshift:DistStyle", "ALL")
                .Annotation("Redshift:SortKey", "artist_id");

            migrationBuilder.CreateTable(
                name: "staging_events",
                columns: table => new
                {
                    artist = table.Column<string>(type: "varchar(512)", nullable: true),
                    auth = table.Column<string>(type: "varchar(32)", nullable: true),
                    first_name = table.Column<string>(type: "varchar(256)", nullable: true),
                    gender = table.Column<string>(type: "varchar(16)", nullable: true),
                    item_in_session = table.Column<int>(type: "integer", nullable: true),
                    last_name = table.Column<string>(type: "varchar(256)", nullable: true),
                    length = table.Column<double>(type: "double precision", nullable: true),
                    level = table.Column<string>(type: "varchar(16)", nullable: true),
                    location = table.Column<string>(type: "varchar(512)", nullable: true),
                    method = table.Column<string>(type: "varchar(16)", nullable: true),
                    page = table.Column<string>(type: "varchar(32)", nullable: true),
                    registration = table.Column<double>(type: "double precision", nullable: true),
                    session_id = table.Column<int>(type: "integer", nullable: true),
                    song = table.Column<string>(type: "varchar(512)", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: true),
                    ts = table.Column<long>(type: "bigint", nullable: true),
                    user_agent = table.Column<string>(type: "varchar(512)", nullable: true),
                    user_id = table.Column<string>(type: "varchar(32)", nullable: true)
                },
                constraints: table =>
                {
                })
                .Annotation("Redshift:DistKey", "artist")
                .Annotation("Redshift:DistStyle", "KEY");

            migrationBuilder.CreateTable(
                name: "staging_songs",
                columns: table => new
                {
                    num_songs = table.Column<int>(type: "integer", nullable: true),
                    artist_id = table.Column<string>(type: "varchar(32)", nullable: true),
                    artist_latitude = table.Column<double>(type: "double precision", nullable: true),
                    artist_longitude = table.Column<double>(type: "double precision", nullable: true),
                    artist_location = table.Column<string>(type: "varchar(512)", nullable: true),
                    artist_name = table.Column<string>(type: "varchar(512)", nullable: true),
                    song_id = table.Column<string>(type: "varchar(32)", nullable: true),
                    title = table.Column<string>(type: "varchar(512)", nullable: true),
                    duration = table.Column<double>(type: "double precision", nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                })
                .Annotation("Redshift:DistKey", "artist_name")
                .Annotation("Redshift:DistStyle", "KEY");

            migrationBuilder.CreateTable(
                name: "time",
                columns: table => new
                {
                    start_time = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    hour = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<int>(type: "integer", nullable: false),
                    week = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    weekday = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_time", x => x.start_time);
                })
                .Annotation("Redshift:DistKey", "start_time")
                .Annotation("Redshift:DistStyle", "KEY")
                .Annotation("Redshift:SortKey", "start_time");

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    first_name = table.Column<string>(type: "varchar(256)", nullable: true),
                    last_name = table.Column<string>(type: "varchar(256)", nullable: true),
                    gender = table.Column<string>(type: "varchar(16)", nullable: true),
                    level = table.Column<string>(type: "varchar(16)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.user_id);
                })
                .Annotation("Redshift:DistStyle", "ALL")
                .Annotation("Redshift:SortKey", "user_id");

            migrationBuilder.CreateTable(
                name: "songs",
                columns: table => new
                {
                    song_id = table.Column<string>(type: "varchar(32)", nullable: false),
                    title = table.Column<string>(type: "varchar(512)", nullable: true),
                    artist_id = table.Column<string>(type: "varchar(32)", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: true),
                    duration = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_songs", x => x.song_id);
                    table.ForeignKey(
                        name: "fk_songs_artists_artist_id",
                        column: x => x.artist_id,
                        principalTable: "artists",
                        principalColumn: "artist_id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("Redshift:DistStyle", "ALL")
                .Annotation("Redshift:SortKey", "song_id");

            migrationBuilder.CreateTable(
                name: "songplays",
                columns: table => new
                {
                    songplay_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    start_time = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    user_id = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<string>(type: "varchar(16)", nullable: false),
                    song_id = table.Column<string>(type: "varchar(32)", nullable: false),
                    artist_id = table.Column<string>(type: "varchar(32)", nullable: false),
                    session_id = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<string>(type: "varchar(512)", nullable: true),
                    user_agent = table.Column<string>(type: "varchar(512)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_songplays", x => x.songplay_id);
                    table.ForeignKey(
                        name: "fk_songplays_artists_artist_id",
                        column: x => x.artist_id,
                        principalTable: "artists",
                        principalColumn: "artist_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_songplays_songs_song_id",
                        column: x => x.song_id,
                        principalTable: "songs",
                        principalColumn: "song_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_songplays_time_start_time",
                        column: x => x.start_time,
                        principalTable: "time",
                        principalColumn: "start_time",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_songplays_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("Redshift:DistKey", "start_time")
                .Annotation("Redshift:DistStyle", "KEY")
                .Annotation("Redshift:SortKey", "start_time");

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
                name: "ix_songs_artist_id",
                table: "songs",
                column: "artist_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "songplays");

            migrationBuilder.DropTable(
                name: "staging_events");

            migrationBuilder.DropTable(
                name: "staging_songs");

            migrationBuilder.DropTable(
                name: "songs");

            migrationBuilder.DropTable(
                name: "time");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "artists");
        }
    }
}
