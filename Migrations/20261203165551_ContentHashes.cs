using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sparkify.Migrations
{
    /// <inheritdoc />
    public partial class ContentHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_hash",
                table: "loaded_files",
                type: "varchar(32)",
                nullable: true);

            // A local file's checksum already is the XXH128 of its content; an S3 object's is its ETag, which is no content
            // hash, so those rows stay null until a run reads the object again.
            migrationBuilder.Sql("update loaded_files set content_hash = checksum where path not like 's3://%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "content_hash",
                table: "loaded_files");
        }
    }
}
