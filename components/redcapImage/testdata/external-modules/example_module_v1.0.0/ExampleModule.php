<?php
// A stand-in External Module for the container tests: only its presence in the image is checked.
namespace Example\ExampleModule;

class ExampleModule
{
}
