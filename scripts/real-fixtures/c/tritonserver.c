/* The fixture's /opt/tritonserver/bin/tritonserver: like Triton's, a small program over
 * libtritonserver.so (found through RUNPATH $ORIGIN/../lib). */
int TRITONSERVER_Main(int argc, char **argv);
int main(int argc, char **argv) { return TRITONSERVER_Main(argc, argv); }
