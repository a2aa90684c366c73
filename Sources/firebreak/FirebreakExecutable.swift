import FirebreakCLI

#if canImport(Glibc)
import Glibc
#endif

@main
enum FirebreakExecutable {
    static func main() async {
        exit(await FirebreakMain.run())
    }
}
