#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <pwd.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

// Runs before main: writes outside its workspace, reads a canary in the user's home, connects to a port on
// 127.0.0.1. Each refusal is printed with its errno text; any refusal ends the program with exit 1.
static int Escape() {
  int refused = 0;
  const char* base = std::getenv("AIOPT_BASEDIR");
  std::string root = base != nullptr ? base : ".";
  for (const std::string& path : {root + "/target/hostile-escaped.txt",
                                  root + "/src/test/resources/sandbox/coztarget/escaped.txt"}) {
    FILE* out = std::fopen(path.c_str(), "w");
    if (out != nullptr) {
      std::fputs("escaped\n", out);
      std::fclose(out);
      std::printf("wrote %s\n", path.c_str());
    } else {
      std::fprintf(stderr, "write %s: %s\n", path.c_str(), std::strerror(errno));
      refused++;
    }
  }
  struct passwd* user = getpwuid(getuid());
  std::string canary = std::string(user != nullptr ? user->pw_dir : "/root") + "/.aiopt-canary-hostile";
  FILE* in = std::fopen(canary.c_str(), "r");
  if (in != nullptr) {
    char text[256] = {0};
    std::fread(text, 1, sizeof text - 1, in);
    std::fclose(in);
    std::printf("canary: %s\n", text);
  } else {
    std::fprintf(stderr, "read %s: %s\n", canary.c_str(), std::strerror(errno));
    refused++;
  }
  int port = 0;
  FILE* portFile = std::fopen((root + "/target/hostile-port.txt").c_str(), "r");
  if (portFile != nullptr) {
    if (std::fscanf(portFile, "%d", &port) != 1) port = 0;
    std::fclose(portFile);
  }
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    send(s, "hello", 5, 0);
    std::printf("connected to 127.0.0.1:%d\n", port);
  } else {
    std::fprintf(stderr, "connect 127.0.0.1:%d: %s\n", port, std::strerror(errno));
    refused++;
  }
  close(s);
  if (refused > 0) {
    std::fprintf(stderr, "hostile candidate: %d attempt(s) refused\n", refused);
    std::exit(1);
  }
  return 0;
}
static int escaped = Escape();

static unsigned long Work(unsigned long seed) {
  unsigned long x = seed + static_cast<unsigned long>(escaped);
  for (int i = 0; i < 2000; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
  }
  return x;
}
