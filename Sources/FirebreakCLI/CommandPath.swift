/// The command being run, as a user types it (`firebreak db migrate`), for messages that name it.
enum CommandPath {
    @TaskLocal static var current = "firebreak"
}
